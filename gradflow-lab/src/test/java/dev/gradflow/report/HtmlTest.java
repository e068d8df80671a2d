package dev.gradflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesEveryCharacterThatMeansSomethingInMarkup() {
        assertEquals("&lt;/script&gt; &amp; &quot;a&quot; &#39;b&#39;", Html.escape("</script> & \"a\" 'b'"));
        assertEquals("", Html.escape(null));
    }

    @Test
    void numbersArePlainInTheReadableRangeElseScientific() {
        assertEquals("0.03124", Html.number(0.031237));
        assertEquals("123.5", Html.number(123.45));
        assertEquals("2", Html.number(2.0));
        assertEquals("0.001", Html.number(0.001));
        assertEquals("1.70e-7", Html.number(1.7e-7));
        assertEquals("-3.20e-6", Html.number(-3.2e-6));
        assertEquals("1.23e5", Html.number(123456));
        assertEquals("0", Html.number(0));
        assertEquals("—", Html.number(Double.NaN));
        assertEquals("∞", Html.number(Double.POSITIVE_INFINITY));
        assertEquals("1.69e-3", Html.scientific(0.0016912));
        assertEquals("5", Html.count(5.0));
        assertEquals("0.62", Html.count(0.62));
    }

    @Test
    void percentagesSignsAndDurations() {
        assertEquals("97.4 %", Html.percent(0.9741));
        assertEquals("—", Html.percent(Double.NaN));
        assertEquals("−0.53", Html.signed(-0.531));
        assertEquals("+0.10", Html.signed(0.1));
        assertEquals("0.84 s", Html.seconds(0.843));
        assertEquals("42.1 s", Html.seconds(42.08));
        assertEquals("3 min 05 s", Html.seconds(185.2));
        assertEquals("", Html.sortKey(Double.NaN));
        assertEquals("0.5", Html.sortKey(0.5));
    }
}
