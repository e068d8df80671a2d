package dev.gradflow.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.tensor.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scikit-learn's files (byte-identical copies, so their checksums verify) and a 200-row slice of digits. */
class SklearnDatasetsTest {
    private static final Path SKLEARN = TestFiles.resource("sklearn");

    @TempDir
    Path dir;

    @Test
    void irisLoadsWithVerifiedChecksum() {
        Dataset iris = SklearnDatasets.load(SklearnDataset.IRIS, SKLEARN);
        assertEquals(Shape.of(150, 4), iris.features().shape());
        assertEquals(Shape.of(150), iris.targets().shape());
        assertArrayEquals(new float[] {5.1f, 3.5f, 1.4f, 0.2f}, Arrays.copyOf(iris.features().data(), 4));
        assertArrayEquals(new int[] {50, 50, 50}, classCounts(iris, 3));
        assertEquals(5.8433333, columnMean(iris, 0), 1e-6);
    }

    @Test
    void wineAndBreastCancerHaveTheirPublishedShapesAndClassCounts() {
        Dataset wine = SklearnDatasets.load(SklearnDataset.WINE, SKLEARN);
        assertEquals(Shape.of(178, 13), wine.features().shape());
        assertArrayEquals(new int[] {59, 71, 48}, classCounts(wine, 3));
        assertEquals(1065f, wine.features().get(0, 12));
        Dataset cancer = SklearnDatasets.load(SklearnDataset.BREAST_CANCER, SKLEARN);
        assertEquals(Shape.of(569, 30), cancer.features().shape());
        assertArrayEquals(new int[] {212, 357}, classCounts(cancer, 2));
        assertEquals(14.127292, columnMean(cancer, 0), 1e-5);
    }

    @Test
    void digitsSliceNeedsTheChecksumOptOut() {
        String message = assertThrows(DataFormatException.class, () -> SklearnDatasets.load(SklearnDataset.DIGITS, SKLEARN)).getMessage();
        assertTrue(message.contains("SHA-256 mismatch"), message);
        Dataset digits = SklearnDatasets.load(SklearnDataset.DIGITS, SKLEARN, ChecksumPolicy.SKIP);
        assertEquals(Shape.of(200, 64), digits.features().shape());
        assertArrayEquals(new float[] {0, 0, 5, 13, 9, 1, 0, 0, 0, 0}, Arrays.copyOf(digits.features().data(), 10));
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1}, Arrays.copyOf(digits.targets().data(), 12));
        double sum = 0;
        for (float v : digits.features().data()) sum += v;
        assertEquals(62230.0, sum);
    }

    @Test
    void headerIsCheckedAgainstTheData() throws IOException {
        String iris = Files.readString(SKLEARN.resolve("iris.csv"));
        Path wrongCount = TestFiles.write(dir, "iris.csv", iris.replaceFirst("^150,", "151,"));
        assertEquals(wrongCount + ": the header declares 151 samples but the file has 150 data rows",
                assertThrows(DataFormatException.class,
                        () -> SklearnDatasets.load(SklearnDataset.IRIS, dir, ChecksumPolicy.SKIP)).getMessage());
        TestFiles.write(dir, "iris.csv", iris.replaceFirst("^150,4,", "150,5,"));
        assertTrue(assertThrows(DataFormatException.class,
                () -> SklearnDatasets.load(SklearnDataset.IRIS, dir, ChecksumPolicy.SKIP)).getMessage()
                .contains("row 1, column 2 \"n_features\": the header declares 5 features but iris has 4"));
        TestFiles.write(dir, "iris.csv", iris.replace("\n4.9,3.0,1.4,0.2,0\n", "\n4.9,3.0,1.4,0.2,7\n"));
        assertTrue(assertThrows(DataFormatException.class,
                () -> SklearnDatasets.load(SklearnDataset.IRIS, dir, ChecksumPolicy.SKIP)).getMessage()
                .endsWith("row 3, column 5: 7.0 is not a class label of iris (0..2)"));
        TestFiles.write(dir, "iris.csv", iris.replace("\n4.9,3.0,1.4,0.2,0\n", "\n4.9,3.0,1.4,0\n"));
        assertTrue(assertThrows(DataFormatException.class,
                () -> SklearnDatasets.load(SklearnDataset.IRIS, dir, ChecksumPolicy.SKIP)).getMessage()
                .endsWith("row 3: has 4 columns, expected 5 (4 features and a label, as the header says)"));
    }

    @Test
    void alteredStandardFileFailsVerification() throws IOException {
        String iris = Files.readString(SKLEARN.resolve("iris.csv"));
        Path file = TestFiles.write(dir, "iris.csv", iris.replace("5.1,3.5", "5.2,3.5"));
        String message = assertThrows(DataFormatException.class, () -> SklearnDatasets.load(SklearnDataset.IRIS, dir)).getMessage();
        assertTrue(message.startsWith(file + ": SHA-256 mismatch"), message);
        assertTrue(message.contains("f13ffa8fdd56fd8e6c8d16d4081a3fbd3114bcd0aae4256c43205169cd9d1449 (scikit-learn iris)"), message);
    }

    @Test
    void missingFileOrDirectoryIsNamed() {
        assertEquals(dir.resolve("wine_data.csv") + ": the file does not exist",
                assertThrows(DataFormatException.class, () -> SklearnDatasets.load(SklearnDataset.WINE, dir)).getMessage());
        assertEquals(dir.resolve("x") + ": the directory does not exist",
                assertThrows(DataFormatException.class, () -> SklearnDatasets.load(SklearnDataset.WINE, dir.resolve("x"))).getMessage());
    }

    @Test
    void namesAreLookedUpCaseInsensitively() {
        assertEquals(SklearnDataset.BREAST_CANCER, SklearnDataset.byId("Breast_Cancer"));
        assertEquals("unknown scikit-learn dataset \"diabetes\"; known: [iris, wine, breast_cancer, digits]",
                assertThrows(IllegalArgumentException.class, () -> SklearnDataset.byId("diabetes")).getMessage());
    }

    @Test
    void knownChecksumOfACopyMatches() {
        assertEquals("f13ffa8fdd56fd8e6c8d16d4081a3fbd3114bcd0aae4256c43205169cd9d1449",
                KnownChecksums.sha256(SKLEARN.resolve("iris.csv")));
        assertEquals(2, KnownChecksums.forFileName("t10k-images-idx3-ubyte.gz").size());
    }

    private static int[] classCounts(Dataset data, int classes) {
        int[] counts = new int[classes];
        for (float label : data.targets().data()) counts[(int) label]++;
        return counts;
    }

    private static double columnMean(Dataset data, int column) {
        double sum = 0;
        for (int r = 0; r < data.size(); r++) sum += data.features().get(r, column);
        return sum / data.size();
    }
}
