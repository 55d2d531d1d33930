package dev.warmtransfer.service.db;

import java.sql.SQLException;

/** What a failed statement means, the same on H2 and PostgreSQL. */
public final class SqlErrors {
  private SqlErrors() {}

  /** A unique key was already taken (SQLSTATE 23505): someone else inserted that row first. */
  public static boolean isDuplicate(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
