package io.bookpay.link;

import io.bookpay.platform.db.SqlFile;

/**
 * The link's part of statements composed for speed (TableOwnershipTest judges use.sql in this
 * package's folder). Read it at startup, not on an event loop: it is loaded from a file.
 */
public final class LinkSqlFragments {

  private LinkSqlFragments() {}

  /** {@code used_link(uses, max_uses, token_hash)}: a use of the link if it may be used at {@code :now}, else no row. */
  public static final String USED_LINK = "used_link AS (\n" + SqlFile.load(LinkSqlFragments.class, "use.sql") + "\n)";
}
