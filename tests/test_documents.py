"""Reading inputs: text folders, JSONL files and stdin; bad input becomes a Problem with path and line."""

import io
import json

import pytest

from indexer import Document, FieldMap, Problem, read_inputs
from indexer.documents import count_inputs, text_document
from indexer.errors import InputError


def test_text_file_first_non_empty_line_is_the_title(tmp_path):
    (tmp_path / "a.txt").write_text("\n\nعنوان الخبر\n\nالفقرة الأولى.\nالفقرة الثانية.\n", encoding="utf-8")
    assert list(read_inputs(tmp_path)) == [
        Document("a.txt", "عنوان الخبر", "الفقرة الأولى.\nالفقرة الثانية.", str(tmp_path / "a.txt"))]


def test_folder_is_read_recursively_with_ids_relative_to_it(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("ب\nنص", encoding="utf-8")
    (tmp_path / "a.txt").write_text("أ\nنص", encoding="utf-8")
    (tmp_path / "skip.csv").write_text("x", encoding="utf-8")
    assert [d.id for d in read_inputs(tmp_path)] == ["a.txt", "sub/b.md"]


def test_utf8_bom_is_ignored(tmp_path):
    (tmp_path / "a.txt").write_bytes("\ufeffعنوان\nنص".encode())
    assert next(read_inputs(tmp_path)).title == "عنوان"


def test_non_utf8_file_is_a_problem_with_its_line(tmp_path):
    (tmp_path / "bad.txt").write_bytes("سطر\n".encode() + "كلمة".encode("cp1256"))
    (tmp_path / "good.txt").write_text("عنوان\nنص", encoding="utf-8")
    items = list(read_inputs(tmp_path))
    assert str(items[0]) == (f"{tmp_path / 'bad.txt'}:2: not UTF-8 (byte 0xdf); convert it, e.g. "
                             "`iconv -f cp1256 -t utf-8`, and index it again")
    assert [d.id for d in items[1:]] == ["good.txt"]


def test_empty_text_file_is_a_problem(tmp_path):
    (tmp_path / "e.txt").write_text(" \n\n", encoding="utf-8")
    assert list(read_inputs(tmp_path)) == [Problem(str(tmp_path / "e.txt"), 1, "empty document, skipped")]


def jsonl(tmp_path, *lines: str):
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_records_with_extra_fields_kept(tmp_path):
    path = jsonl(tmp_path, json.dumps({"id": 7, "title": "ت", "text": "نص", "date": "2024-07-31", "lang": "ar"}))
    assert list(read_inputs(path)) == [Document("7", "ت", "نص", str(path), "2024-07-31", {"lang": "ar"})]


def test_jsonl_field_names_are_configurable(tmp_path):
    path = jsonl(tmp_path, json.dumps({"doc": "x", "headline": "ع", "body": "نص"}))
    (doc,) = read_inputs(path, FieldMap(id="doc", title="headline", text="body"))
    assert (doc.id, doc.title, doc.body) == ("x", "ع", "نص")


@pytest.mark.parametrize("line, reason", [
    ('{"id": "1", "text": ', "invalid JSON (Expecting value at column 21)"),
    ('["a"]', "expected a JSON object"),
    ('{"text": "نص"}', "no 'id' field; name the id field with --id-field"),
    ('{"id": "1", "text": "  "}', "empty document (no 'title' or 'text' text), skipped"),
    ('{"id": "1", "text": ["x"]}', "field 'text' must be a string, not list"),
    ('{"id": "1", "text": "x", "date": "31/07/2024"}', "field 'date' is not an ISO date (YYYY-MM-DD): '31/07/2024'"),
    ('{"id": "1", "text": "x \\ud800"}', "holds a lone UTF-16 surrogate escape (such as \\ud800), which is not "
                                          "text; fix the file's producer or remove the escape"),
])
def test_bad_jsonl_line_is_reported_and_the_rest_read(tmp_path, line, reason):
    path = jsonl(tmp_path, '{"id": "a", "text": "قبل"}', line, '{"id": "b", "text": "بعد"}')
    items = list(read_inputs(path))
    assert [str(i) if isinstance(i, Problem) else i.id for i in items] == ["a", f"{path}:2: {reason}", "b"]


def test_non_utf8_jsonl_line_is_a_problem(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_bytes(b'{"id": "a", "text": "x"}\n' + '{"id": "b", "text": "كلمة"}'.encode("cp1256") + b"\n")
    items = list(read_inputs(path))
    assert str(items[1]).startswith(f"{path}:2: not UTF-8")


def test_jsonl_on_stdin(monkeypatch):
    data = '{"id": "s1", "title": "عنوان", "text": "نص"}\n'
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    assert list(read_inputs("-")) == [Document("s1", "عنوان", "نص", "<stdin>")]


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="does not exist; give a folder"):
        list(read_inputs(tmp_path / "nope"))


def test_count_inputs_counts_files_and_jsonl_lines(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    jsonl(tmp_path, "{}", "", "{}")
    assert count_inputs(tmp_path) == 3
    assert count_inputs("-") is None


def test_text_document_without_body():
    assert text_document("عنوان فقط", "a", "a") == Document("a", "عنوان فقط", "", "a")


# -- hostile input: each problem reported with its path and line, the rest read --------------------------------------

def test_a_jsonl_file_without_the_text_field_on_any_line_names_the_keys_it_has(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"id": "1", "title": "عنوان", "body": "نص"}\n', encoding="utf-8")
    items = list(read_inputs(tmp_path / "a.jsonl"))
    assert [str(i) for i in items if isinstance(i, Problem)] == [
        f"{tmp_path / 'a.jsonl'}: no line has the text field 'text' (keys seen: id, title, body); name the text "
        "field with --text-field and index the file again"]


def test_a_file_of_another_kind_named_explicitly_is_a_problem(tmp_path):
    (tmp_path / "page.html").write_text("<html>نص</html>", encoding="utf-8")
    (problem,) = read_inputs(tmp_path / "page.html")
    assert problem == Problem(str(tmp_path / "page.html"), 0, "not a .txt, .md or .jsonl file (.html); convert it to "
                              "text or JSON lines (one object per line, named .jsonl) and index that")


def test_an_unreadable_file_is_a_problem_and_the_others_are_read(tmp_path, monkeypatch):
    from pathlib import Path

    (tmp_path / "a.txt").write_text("عنوان\nنص", encoding="utf-8")
    (tmp_path / "b.txt").write_text("عنوان\nنص", encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "a.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    items = list(read_inputs(tmp_path))
    assert [i.id for i in items if isinstance(i, Document)] == ["b.txt"]
    assert [str(i) for i in items if isinstance(i, Problem)] == [
        f"{tmp_path / 'a.txt'}: cannot be read (Permission denied); check its permissions"]


def test_a_symlink_loop_is_not_followed_forever(tmp_path):
    (tmp_path / "a.txt").write_text("عنوان\nنص", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)
    assert [i.id for i in read_inputs(tmp_path) if isinstance(i, Document)] == ["a.txt"]


def test_deeply_nested_json_is_a_problem_of_its_line(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"id": "1", "text": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
                                      '{"id": "2", "text": "نص"}\n', encoding="utf-8")
    items = list(read_inputs(tmp_path / "a.jsonl"))
    assert [i.id for i in items if isinstance(i, Document)] == ["2"]
    assert [i.line for i in items if isinstance(i, Problem)] == [1]


def test_binary_and_truncated_utf8_files_are_problems(tmp_path):
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)))
    (tmp_path / "cut.txt").write_bytes("عنوان\nنص".encode()[:-1])
    problems = [i for i in read_inputs(tmp_path) if isinstance(i, Problem)]
    assert [(p.path.rsplit("/", 1)[1], p.line) for p in problems] == [("bin.txt", 2), ("cut.txt", 2)]  # 0x80 after \n


def test_a_document_larger_than_the_limit_is_a_problem_and_the_rest_is_read(tmp_path, monkeypatch):
    import indexer.documents as documents

    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 1000)
    (tmp_path / "book.txt").write_text("عنوان\n" + "كلمة " * 400, encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "big", "text": "نص " * 400}) + "\n"
                                      + json.dumps({"id": "small", "text": "نص"}) + "\n", encoding="utf-8")
    items = list(read_inputs(tmp_path))
    assert [i.id for i in items if isinstance(i, Document)] == ["small"]
    assert [(i.path.rsplit("/", 1)[1], i.line) for i in items if isinstance(i, Problem)] == [("a.jsonl", 1),
                                                                                             ("book.txt", 0)]
    assert "is larger than a document may be (0 MB); split it into articles" in str(items[0])


def test_deep_folders_are_read(tmp_path):
    deep = tmp_path.joinpath(*[f"d{i}" for i in range(100)])
    deep.mkdir(parents=True)
    (deep / "a.txt").write_text("عنوان\nنص", encoding="utf-8")
    (doc,) = read_inputs(tmp_path)
    assert doc.id.endswith("d99/a.txt")


@pytest.mark.slow
def test_a_hundred_thousand_tiny_files_are_all_indexed(tmp_path):
    from indexer import Indexer, open_index

    for i in range(100_000):
        folder = tmp_path / "news" / f"{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{i:06d}.txt").write_text(f"خبر {i}\nنص", encoding="utf-8")
    with Indexer(tmp_path / "ix", entities=False) as ix:
        report = ix.index(read_inputs(tmp_path / "news"))
    assert (report.added, report.problems, open_index(tmp_path / "ix").backend.num_docs()) == (100_000, [], 100_000)


@pytest.mark.slow
def test_a_200_mb_file_and_a_200_mb_jsonl_line_are_problems_and_the_rest_is_read(tmp_path):
    block = "كلمة " * 100_000
    with (tmp_path / "dump.txt").open("w", encoding="utf-8") as fh:
        for _ in range(200):
            fh.write(block)
    with (tmp_path / "dump.jsonl").open("w", encoding="utf-8") as fh:
        fh.write('{"id": "huge", "text": "')
        for _ in range(200):
            fh.write(block)
        fh.write('"}\n{"id": "small", "text": "نص"}\n')
    (tmp_path / "a.txt").write_text("عنوان\nنص", encoding="utf-8")
    items = list(read_inputs(tmp_path))
    assert sorted(i.id for i in items if isinstance(i, Document)) == ["a.txt", "small"]
    assert sorted((i.path.rsplit("/", 1)[1], i.line) for i in items if isinstance(i, Problem)) == [
        ("dump.jsonl", 1), ("dump.txt", 0)]
