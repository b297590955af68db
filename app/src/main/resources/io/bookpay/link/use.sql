UPDATE links SET uses = uses + 1, updated_at = :now, version = version + 1
WHERE id = :linkId AND revoked_at IS NULL
  AND (max_uses IS NULL OR uses < max_uses)
  AND (expires_at IS NULL OR expires_at > :now)
  AND (valid_from IS NULL OR valid_from <= :now)
RETURNING uses, max_uses, token_hash
