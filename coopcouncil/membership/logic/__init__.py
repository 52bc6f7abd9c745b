"""The membership deal's and collective energy switching's pure rules: no Django here."""
