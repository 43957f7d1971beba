"""What readers see: labels and number formats, charts, tables, narrative helpers, templates."""
