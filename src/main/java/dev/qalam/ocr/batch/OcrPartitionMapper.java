package dev.qalam.ocr.batch;

import dev.qalam.ocr.OcrJob;
import dev.qalam.ocr.OcrJobRepository;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Properties;

/** As many partitions as the job was given at upload (pages in parallel, sized to the cores). */
@Named("ocrPartitionMapper")
@Dependent
public class OcrPartitionMapper implements PartitionMapper {

    @Inject
    @BatchProperty
    String token;

    @Inject
    OcrJobRepository jobs;

    @Override
    public PartitionPlan mapPartitions() {
        OcrJob job = jobs.require(token);
        int n = Math.max(1, Math.min(job.partitions(), job.totalPages()));
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(n);
        plan.setThreads(n);
        Properties[] props = new Properties[n];
        for (int i = 0; i < n; i++) {
            props[i] = new Properties();
            props[i].setProperty("partition", Integer.toString(i));
            props[i].setProperty("partitions", Integer.toString(n));
        }
        plan.setPartitionProperties(props);
        return plan;
    }
}
