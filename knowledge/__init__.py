"""The knowledge base: curated YAML, validation, storage, Danish search."""
