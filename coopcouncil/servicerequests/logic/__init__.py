"""Pure rules for service requests: wards from a point, Open311 documents, demand figures."""
