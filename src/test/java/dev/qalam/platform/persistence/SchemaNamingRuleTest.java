package dev.qalam.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.jpa.JpaHelper;
import org.eclipse.persistence.mappings.DatabaseMapping;
import org.junit.jupiter.api.Test;

/**
 * Every entity follows the naming rule of docs/database.md: table {@code QALAM_} + the class name in upper snake
 * case, each column the field name in upper snake case, each index named after its table.
 */
class SchemaNamingRuleTest {

    @Test
    void everyTableColumnAndIndexFollowsTheNamingRule() throws Exception {
        List<String> broken = new ArrayList<>();
        int entities = 0;
        try (TestDatabase db = TestDatabase.create(TestDatabase.DERBY)) {
            EntityManagerFactory emf = db.jpa(Map.of());
            try {
                emf.createEntityManager().close();
                for (ClassDescriptor d : JpaHelper.getServerSession(emf).getDescriptors().values()) {
                    if (d.isAggregateDescriptor()) {
                        continue;
                    }
                    entities++;
                    String table = "QALAM_" + upperSnake(d.getJavaClass().getSimpleName());
                    if (!table.equals(d.getTableName())) {
                        broken.add(d.getJavaClass().getSimpleName() + ": table " + d.getTableName() + ", should be " + table);
                    }
                    for (DatabaseMapping m : d.getMappings()) {
                        if (m.getField() == null) {
                            continue;
                        }
                        String column = upperSnake(m.getAttributeName());
                        if (!column.equals(m.getField().getName())) {
                            broken.add(d.getJavaClass().getSimpleName() + "." + m.getAttributeName() + ": column "
                                    + m.getField().getName() + ", should be " + column);
                        }
                    }
                    Table annotation = d.getJavaClass().getAnnotation(Table.class);
                    for (Index index : annotation == null ? new Index[0] : annotation.indexes()) {
                        if (!index.name().startsWith(table + "_")) {
                            broken.add(d.getJavaClass().getSimpleName() + ": index " + index.name() + " should start with "
                                    + table + "_");
                        }
                    }
                }
            } finally {
                emf.close();
            }
        }
        assertTrue(entities >= 5, "found the entities: " + entities);
        assertTrue(broken.isEmpty(), "names that break the rule of docs/database.md:\n  " + String.join("\n  ", broken));
    }

    static String upperSnake(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
