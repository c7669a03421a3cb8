"""What the project writes for readers: citations, bibliographies, exports, handouts, reference pages."""
