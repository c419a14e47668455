package dev.vdk.executionskip.postgreslease;

import dev.vdk.executionskip.postgres.PostgresConnector;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Connects as another connector does, and tells the test, per connection, every statement run on
 * it and every parameter setter called; or, once told to, refuses to connect with a given error.
 */
final class RecordingConnector implements PostgresConnector {
  /** What one connection ran: its statements' SQL and the setters called on them, in order. */
  record Session(List<String> sql, List<String> setters) {}

  private final PostgresConnector real;
  private final BlockingQueue<Session> sessions = new LinkedBlockingQueue<>();
  private final AtomicReference<SQLException> refusal = new AtomicReference<>();

  RecordingConnector(PostgresConnector real) {
    this.real = real;
  }

  /** Sessions closed so far, oldest first; a test polls it with a bound. */
  BlockingQueue<Session> sessions() {
    return sessions;
  }

  /** From now on, every connect fails with {@code error}. */
  void refuseWith(SQLException error) {
    refusal.set(error);
  }

  @Override
  public Connection connect() throws SQLException {
    SQLException refused = refusal.get();
    if (refused != null) {
      throw refused;
    }
    Connection connection = real.connect();
    Session session = new Session(new ArrayList<>(), new ArrayList<>());
    return (Connection) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          Object result = invoke(connection, method, args);
          if (method.getName().equals("close")) {
            sessions.add(new Session(List.copyOf(session.sql()), List.copyOf(session.setters())));
          }
          if (method.getName().equals("prepareStatement")) {
            session.sql().add((String) args[0]);
            return recorded((PreparedStatement) result, session);
          }
          if (method.getName().equals("createStatement")) {
            return recorded((Statement) result, session);
          }
          return result;
        });
  }

  private static Object recorded(Statement statement, Session session) {
    Class<?> type = statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
    return Proxy.newProxyInstance(
        RecordingConnector.class.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> {
          if (method.getName().startsWith("set") && args != null && args.length >= 2) {
            session.setters().add(method.getName());
          }
          if (method.getName().startsWith("execute") && args != null && args.length >= 1
              && args[0] instanceof String sql) {
            session.sql().add(sql);
          }
          return invoke(statement, method, args);
        });
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
