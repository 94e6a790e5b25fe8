"""Actor gazetteer and mention resolution (state / IGO, sector, person, role)."""
