"""The content: its model, loading and validating it, the schemas, the policies, rulings, wizards
and training decks."""
