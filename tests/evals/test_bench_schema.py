"""The schema benchmark counts a bad request the server accepted as a mismatch, except a type mutation of a file
part, which multipart cannot carry: such a "number" arrives as a file holding its digits."""

from assistant.api import create_app
from evals.bench.schema_fuzz import file_fields, unobservable


def test_the_file_fields_are_read_from_the_document():
    assert {"file", "files"} <= file_fields(create_app().openapi())
    assert "category" not in file_fields(create_app().openapi())  # a plain form field of the upload


def test_only_a_type_mutation_of_a_file_part_is_set_apart():
    files = {"file", "files"}
    assert unobservable("negative_data_rejection",
                        "Invalid component: in body - violates `type` at /properties/file (was string, became number)",
                        files)
    assert not unobservable("negative_data_rejection",
                            "Invalid component: in body - violates `enum` at /properties/category", files)
    assert not unobservable("negative_data_rejection",
                            "Invalid component: in body - violates `type` at /properties/category (was string, became "
                            "number)", files)
    assert not unobservable("status_code_conformance", "violates `type` at /properties/file", files)
