-- Holds and stock reservations become records of their own (ITransactionalRecords): one grain_state row each, named
-- '<records>/<id>' beside the grain's state, instead of a map inside the wallet's or the product's one document that
-- every checkout rewrote whole. Existing maps move out; the documents' versions move on, so that an activation still
-- holding the old document is refused by its next write and reads the new one.
INSERT INTO grain_state (grain_type, grain_key, state_name, version, state)
SELECT g.grain_type, g.grain_key, 'holds/' || h.key, 1, h.value - 'resolvedAt'
FROM grain_state g, jsonb_each(g.state -> 'holds') h
WHERE g.grain_type = 'wallet' AND g.state_name = 'wallet'
ON CONFLICT DO NOTHING;

UPDATE grain_state SET state = state - 'holds', version = version + 1, updated_at = now()
WHERE grain_type = 'wallet' AND state_name = 'wallet' AND state ? 'holds';

INSERT INTO grain_state (grain_type, grain_key, state_name, version, state)
SELECT g.grain_type, g.grain_key, 'reservations/' || r.key, 1, r.value - 'resolvedAt'
FROM grain_state g, jsonb_each(g.state -> 'reservations') r
WHERE g.grain_type = 'product-stock' AND g.state_name = 'stock'
ON CONFLICT DO NOTHING;

UPDATE grain_state SET state = state - 'reservations' - 'resolutions', version = version + 1, updated_at = now()
WHERE grain_type = 'product-stock' AND state_name = 'stock' AND state ? 'reservations';
