"""The knowledge base: entities and sourced facts, loaded, checked; names, pages."""
