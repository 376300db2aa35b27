"""briefgen: structured positions in, tailored Dutch government documents (DOCX + PDF) out."""

__version__ = "0.1.0"
