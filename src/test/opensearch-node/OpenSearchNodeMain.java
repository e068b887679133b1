import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Starts one real OpenSearch 2.19 node with the k-NN plugin, for the search-index contract test. Run as a
 * source-file program on the node's own class path (target/opensearch-node, laid out by the build), so its
 * Lucene 9.12.1 never meets Qalam's:
 * java -cp 'lib/*:knn/*' OpenSearchNodeMain.java <home> <http port> <transport port>
 * It runs until the process is stopped (SIGTERM closes the node).
 */
public class OpenSearchNodeMain {

    public static void main(String[] args) throws Exception {
        String home = args[0];
        int http = Integer.parseInt(args[1]);
        int transport = Integer.parseInt(args[2]);
        OpenSearchRunner runner = new OpenSearchRunner();
        runner.setMaxHttpPort(-1);
        runner.onBuild((i, b) -> b.put("http.port", http).put("transport.port", transport)
                .put("network.host", "127.0.0.1").put("discovery.type", "single-node")
                // A test node on a shared build machine: keep going when the disk is fuller than a server's would be.
                .put("cluster.routing.allocation.disk.threshold_enabled", false));
        runner.build(OpenSearchRunner.newConfigs().basePath(home).numOfNode(1).clusterName("qalam-test")
                .pluginTypes("org.opensearch.knn.plugin.KNNPlugin"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (Exception e) {
                System.err.println("closing the node: " + e);
            }
        }));
        while (!runner.isClosed()) {
            Thread.sleep(1000);
        }
    }
}
