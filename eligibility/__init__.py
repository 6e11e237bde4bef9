"""政策找人: which benefits a household may qualify for, from the items' conditions held as data."""
