"""Use cases. The only code that opens sessions; one transaction per use case; returns DTOs."""
