"""Rules the Table Schema standard cannot express, as frictionless checks.

Declared per resource in datapackage.json under the custom key "x-rules":
  {"listForeignKeys": [{"field": "source_ids", "resource": "sources", "key": "id"}],
   "dateOrder": [["date_start", "date_end"]],
   "patterns": ["pattern"],
   "together": [["lat", "lon", "coordinate_source"]]}
(``lists`` names the semicolon-list columns, which the loader splits.)
"""
from __future__ import annotations

import re

import attrs
from frictionless import Check, errors

from .cells import split_list


class ListForeignKeyError(errors.CellError):
    type = "list-foreign-key"
    title = "List Foreign Key Error"
    description = "An item of a semicolon-separated list is not a key of the referenced table."
    template = 'The cell "{cell}" in row "{rowNumber}" and field "{fieldName}": {note}'


class DateOrderError(errors.CellError):
    type = "date-order"
    title = "Date Order Error"
    description = "An end date falls before its start date."
    template = 'The cell "{cell}" in row "{rowNumber}" and field "{fieldName}": {note}'


def _cell_error(cls, row, field_name: str, note: str):
    return cls.from_row(row, note=note, field_name=field_name)


@attrs.define(kw_only=True, repr=False)
class list_foreign_key(Check):
    """Every item of a list cell must be a key of another table."""

    type = "list-foreign-key"
    Errors = [ListForeignKeyError]
    field: str
    resource: str
    keys: frozenset = attrs.field(factory=frozenset)

    def validate_row(self, row):
        value = row[self.field]
        if value is None:
            return
        items = split_list(value)
        if not items:
            yield _cell_error(ListForeignKeyError, row, self.field, "the list is empty")
        for item in items:
            if item not in self.keys:
                yield _cell_error(
                    ListForeignKeyError, row, self.field,
                    f'"{item}" is not an id in {self.resource}',
                )


@attrs.define(kw_only=True, repr=False)
class date_order(Check):
    """An end date may not precede its start date."""

    type = "date-order"
    Errors = [DateOrderError]
    start: str
    end: str

    def validate_row(self, row):
        start, end = row[self.start], row[self.end]
        # Only compare real dates: a malformed date is already a type error.
        if hasattr(start, "toordinal") and hasattr(end, "toordinal") and end < start:
            yield _cell_error(
                DateOrderError, row, self.end,
                f"{self.end} {end.isoformat()} is before {self.start} {start.isoformat()}",
            )


class PatternError(errors.CellError):
    type = "regex"
    title = "Regular Expression Error"
    description = "A cell meant as a regular expression does not compile."
    template = 'The cell "{cell}" in row "{rowNumber}" and field "{fieldName}": {note}'


@attrs.define(kw_only=True, repr=False)
class valid_pattern(Check):
    """A cell that the package uses as a regular expression must compile."""

    type = "regex"
    Errors = [PatternError]
    field: str

    def validate_row(self, row):
        value = row[self.field]
        if not value:
            return
        try:
            re.compile(value)
        except re.error as exc:
            yield _cell_error(PatternError, row, self.field, f"not a valid regular expression ({exc})")


class SeedSupportError(errors.CellError):
    type = "seed-support"
    title = "Seed Support Error"
    description = ("A citation of a seed document needs a support row in citations.csv, "
                   "and a support row needs the citation it supports.")
    template = 'The cell "{cell}" in row "{rowNumber}" and field "{fieldName}": {note}'


class TogetherError(errors.CellError):
    type = "together"
    title = "Together Error"
    description = "Cells that only make sense together are neither all given nor all empty."
    template = 'The cell "{cell}" in row "{rowNumber}" and field "{fieldName}": {note}'


@attrs.define(kw_only=True, repr=False)
class supported_citation(Check):
    """Every seed a record cites has a row of citations.csv with the seed's own words."""

    type = "seed-support"
    Errors = [SeedSupportError]
    field: str
    id_field: str
    seeds: frozenset = attrs.field(factory=frozenset)
    supported: frozenset = attrs.field(factory=frozenset)
    citations: str = "citations.csv"

    def validate_row(self, row):
        record = row[self.id_field]
        for item in split_list(row[self.field]):
            if item in self.seeds and (record, item) not in self.supported:
                yield _cell_error(
                    SeedSupportError, row, self.field,
                    f'the seed "{item}" is cited with no support row in {self.citations} '
                    f'(add {record},{item} with the seed\'s own words and a locator, or remove the citation)',
                )


@attrs.define(kw_only=True, repr=False)
class cited_pair(Check):
    """A support row names a record that exists, a seed, and a citation the record makes."""

    type = "seed-support"
    Errors = [SeedSupportError]
    record_field: str
    source_field: str
    cited: dict = attrs.field(factory=dict)
    seeds: frozenset = attrs.field(factory=frozenset)
    where: str = ""

    def validate_row(self, row):
        record, source = row[self.record_field], row[self.source_field]
        if record is None or source is None:
            return  # a missing value is already a "required" error
        if record not in self.cited:
            yield _cell_error(SeedSupportError, row, self.record_field,
                              f'"{record}" is not an id in {self.where}')
        elif source not in self.seeds:
            yield _cell_error(SeedSupportError, row, self.source_field,
                              f'"{source}" is not a seed document (no seed_file in sources.csv)')
        elif source not in self.cited[record]:
            yield _cell_error(SeedSupportError, row, self.source_field,
                              f'{record} does not cite "{source}" in its source_ids: '
                              'a support row must support a citation the record makes')


@attrs.define(kw_only=True, repr=False)
class given_together(Check):
    """Fields such as a latitude, a longitude and their source: all or none."""

    type = "together"
    Errors = [TogetherError]
    fields: tuple

    def validate_row(self, row):
        given = [name for name in self.fields if row[name] not in (None, "")]
        if given and len(given) < len(self.fields):
            for name in self.fields:
                if name not in given:
                    note = f"{', '.join(given)} given, so {name} is needed too ({' and '.join(self.fields)} go together)"
                    yield _cell_error(TogetherError, row, name, note)
