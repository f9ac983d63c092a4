import java.sql.*;
import java.math.BigDecimal;
import java.time.*;
import java.lang.management.*;
/** How much CPU H2 spends per usage record, outside any server: see ../usage-insert-cost.sh. */
public class InsertCost {
  public static void main(String[] a) throws Exception {
    String mode = a[0];
    String url = "jdbc:h2:file:" + System.getProperty("dir") + "/db-" + mode + "-" + System.nanoTime() + (a.length > 1 ? a[1] : "");
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      Statement s = c.createStatement();
      String pk = mode.equals("pk") ? "PRIMARY KEY" : "";
      s.execute("CREATE TABLE usage_record (request_id VARCHAR(40) NOT NULL " + pk + ", key_id VARCHAR(40) NOT NULL, team_id VARCHAR(40) NOT NULL, model VARCHAR(200), provider VARCHAR(64), status INTEGER NOT NULL, error_code VARCHAR(64), input_tokens BIGINT NOT NULL, output_tokens BIGINT NOT NULL, cached_tokens BIGINT NOT NULL, reasoning_tokens BIGINT NOT NULL, cost_usd DECIMAL(19,6) NOT NULL, latency_ms INTEGER NOT NULL, client_ip VARCHAR(45), started_at TIMESTAMP(6) WITH TIME ZONE NOT NULL)");
      if (!mode.equals("noidx")) s.execute("CREATE INDEX ix ON usage_record (key_id, started_at)");
      c.setAutoCommit(false);
      ThreadMXBean t = ManagementFactory.getThreadMXBean();
      long cpu0 = t.getCurrentThreadCpuTime(); long w0 = System.nanoTime();
      int n = 0; long micros = Instant.now().toEpochMilli() * 1000;
      PreparedStatement p = c.prepareStatement("INSERT INTO usage_record VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
      for (int b = 0; b < 40; b++) {
        for (int i = 0; i < 10000; i++) {
          n++; micros += 80;
          p.setString(1, "req_01M8GYZX0ZDS91YGQ1R9V" + String.format("%07d", n));
          p.setString(2, "key_01M8GYZX0ZDS91YGQ1R9VWPCRX"); p.setString(3, "team_01M8GYZX0ZDS91YGQ1R9VWPCRX");
          p.setString(4, "demo/echo"); p.setString(5, "demo"); p.setInt(6, 200); p.setNull(7, Types.VARCHAR);
          p.setLong(8, 12); p.setLong(9, 30); p.setLong(10, 0); p.setLong(11, 0);
          p.setBigDecimal(12, BigDecimal.valueOf(72, 6)); p.setInt(13, 1); p.setString(14, "127.0.0.1");
          p.setObject(15, Instant.EPOCH.plusNanos(micros * 1000).atOffset(ZoneOffset.UTC));
          p.addBatch();
        }
        p.executeBatch(); c.commit();
      }
      long cpu = t.getCurrentThreadCpuTime() - cpu0; long wall = System.nanoTime() - w0;
      System.out.printf("%s: %d rows, %.1f us CPU/row (this thread), %.1f us wall/row%n", mode, n, cpu / 1000.0 / n, wall / 1000.0 / n);
    }
  }
}
