"""常用语: admins and organisations edit phrases; the picker offers them beside reason and reply boxes."""
