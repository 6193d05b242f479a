package io.oppsuite.localinfra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates the per-service databases on a PostgreSQL server when they are missing. */
public final class LocalDatabases {

    private LocalDatabases() {
    }

    /** @param adminUrl JDBC URL of the server's maintenance database, e.g. jdbc:postgresql://127.0.0.1:5432/postgres */
    public static void ensure(String adminUrl, String user, String password, String... databases) throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password)) {
            for (String database : databases) {
                if (!database.matches("[a-z0-9_]+")) {
                    throw new IllegalArgumentException("unsafe database name " + database);
                }
                try (PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                    exists.setString(1, database);
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                try (Statement create = connection.createStatement()) {
                    create.execute("create database " + database);
                } catch (SQLException e) {
                    // another JVM created it between our check and create
                    if (!"42P04".equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        }
    }

    /** Drops and recreates the databases: a clean slate for end-to-end runs. */
    public static void recreate(String adminUrl, String user, String password, String... databases) throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
             Statement statement = connection.createStatement()) {
            for (String database : databases) {
                if (!database.matches("[a-z0-9_]+")) {
                    throw new IllegalArgumentException("unsafe database name " + database);
                }
                statement.execute("drop database if exists " + database + " with (force)");
            }
        }
        ensure(adminUrl, user, password, databases);
    }
}
