"""Pages of the democracy app: public and resident pages, the clerk's desk, accountability."""
