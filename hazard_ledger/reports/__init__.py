"""Printed documents (reportlab PDFs) and workbooks, built from service DTOs."""
