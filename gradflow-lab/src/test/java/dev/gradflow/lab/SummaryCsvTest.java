package dev.gradflow.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryCsvTest {
    @Test
    void quotesFieldsWithCommasQuotesAndLineBreaksAndLeavesNaNEmpty() {
        assertEquals("plain", SummaryCsv.field("plain"));
        assertEquals("\"a,b\"", SummaryCsv.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", SummaryCsv.field("say \"hi\""));
        assertEquals("\"two\nlines\"", SummaryCsv.field("two\nlines"));

        VariantSummary failed = new VariantSummary("x,y", Map.of("training.lr", "1e9"), "failed", "diverged, badly", 3, 0.5, Double.NaN,
                Double.NaN, 1, 2, 3, 4, -0.5, -0.25, List.of(), 1.5, 7, 1e9, Double.NaN, Double.NaN, "diverged");
        String csv = SummaryCsv.of(new RunSummary("e", "d", "complete", List.of(failed, VariantSummary.missing("z", Map.of(), 7)), Map.of()));
        List<String> rows = csv.lines().toList();
        assertEquals(String.join(",", SummaryCsv.COLUMNS) + ",training.lr", rows.get(0));
        assertEquals("\"x,y\",7,failed,3,1.0E9,0.5,,,,,1.0,2.0,3.0,4.0,-0.5,-0.25,,1.5,diverged,\"diverged, badly\",1e9", rows.get(1));
        assertEquals("z,7,missing,0,,,,,,,,,,,,,,,,,", rows.get(2));
        assertEquals(3, csv.split("\r\n", -1).length - 1);
    }
}
