"""Domain tables as data: risk and need levels, contact frequency (Cuadros 1, 3 and 5), field
visits and the drug-treatment condition, and the pure function that turns them into a
recommendation."""
