package chat.common.config;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Migrates the tables a piece of {@code common} keeps in a service's database, with a Flyway
 * history of its own ({@code <name>_schema_history}, scripts in {@code db/<name>}), so that its
 * versions never collide with the service's own migrations. Run after the service's migrations:
 * it baselines the schema they created.
 */
public final class LibrarySchema {

    private LibrarySchema() {}

    public static void migrate(DataSource dataSource, String name) {
        Flyway.configure()
                .dataSource(dataSource)
                .table(name.replace('-', '_') + "_schema_history")
                .locations("classpath:db/" + name)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
