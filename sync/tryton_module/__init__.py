"""Fieldbook's Tryton module: the fields and models a field sales team needs that Tryton lacks.

Shipped with Fieldbook and activated in the demo and test databases, the way a company adds
custom fields to its CRM. Every record Fieldbook syncs carries the client's UUID
(``fieldbook_uuid``, unique) so a create can be retried without duplicating it, and every
deletion is written to ``fieldbook.deletion`` so Fieldbook pulls deletions instead of
finding them only by reconciling ids. Registered through ``tryton.cfg``.
"""
