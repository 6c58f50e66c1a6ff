"""Reading Word contracts and adding review comments."""
from docx import Document

from quiver import tool


@tool
def read_docx(path: str) -> list[dict]:
    """Paragraphs of a .docx with their index and style (headings mark clauses)."""
    return [{"i": i, "style": p.style.name, "text": p.text} for i, p in enumerate(Document(path).paragraphs)]


@tool
def insert_comment(path: str, paragraph: int, text: str, author: str = "Globex Legal (AI draft)") -> None:
    """Adds a Word comment on a paragraph and saves the document."""
    doc = Document(path)
    doc.add_comment(doc.paragraphs[paragraph].runs, text=text, author=author)
    doc.save(path)
