"""OCR and table detection for scanned and digital PDF invoices."""
import pdfplumber
import pytesseract

from quiver import tool


@tool
def extract_text(pdf_path: str) -> str:
    """The invoice's text: embedded text when present, Tesseract OCR otherwise."""
    with pdfplumber.open(pdf_path) as pdf:
        pages = []
        for page in pdf.pages:
            text = page.extract_text() or pytesseract.image_to_string(page.to_image(resolution=300).original)
            pages.append(text)
    return "\n\f".join(pages)


@tool
def detect_tables(pdf_path: str) -> list[list[list[str]]]:
    """Tables found on each page, as rows of cells (the line items, usually)."""
    with pdfplumber.open(pdf_path) as pdf:
        return [t for page in pdf.pages for t in page.extract_tables()]
