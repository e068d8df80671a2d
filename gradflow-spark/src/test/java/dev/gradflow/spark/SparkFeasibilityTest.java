package dev.gradflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

class SparkFeasibilityTest {
    @Test
    void localJobRuns() {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("feasibility").set("spark.ui.enabled", "false");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            int sum = sc.parallelize(List.of(1, 2, 3, 4), 2).map(x -> x * x).reduce(Integer::sum);
            assertEquals(30, sum);
        }
    }
}
