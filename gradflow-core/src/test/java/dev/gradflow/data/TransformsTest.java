package dev.gradflow.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TransformsTest {

    @Test
    void standardizedTrainingFeaturesHaveMeanZeroAndStdOne() {
        Tensor train = Tensor.normal(new SplittableRandom(1), 3f, 2.5f, 1000, 4);
        Standardizer standardizer = Standardizer.fit(train);
        Tensor z = standardizer.apply(train);
        assertEquals(train.shape(), z.shape());
        for (int j = 0; j < 4; j++) {
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < 1000; i++) {
                sum += z.get(i, j);
                squares += (double) z.get(i, j) * z.get(i, j);
            }
            assertEquals(0, sum / 1000, 1e-5);
            assertEquals(1, Math.sqrt(squares / 1000), 1e-5);
        }
    }

    @Test
    void standardizerRecordsPopulationStatisticsAndAppliesThemToOtherData() {
        Tensor train = Tensor.matrix(new float[][] {{1, 10}, {3, 10}, {5, 10}, {7, 10}});
        Standardizer standardizer = Standardizer.fit(train);
        assertArrayEquals(new float[] {4, 10}, standardizer.means());
        assertArrayEquals(new float[] {(float) Math.sqrt(5), 0}, standardizer.stds()); // Σ(x−4)²/4 = 20/4
        Tensor test = Tensor.matrix(new float[][] {{4, 12}, {9, 8}});
        Tensor z = standardizer.apply(test);
        // the test set's own statistics play no part; the constant training feature is only centred
        assertArrayEquals(new float[] {0, 2, (float) (5 / Math.sqrt(5)), -2}, z.data(), 1e-6f);
        Dataset applied = standardizer.apply(new Dataset(test, Tensor.vector(1, 0)));
        assertArrayEquals(z.data(), applied.features().data());
        assertArrayEquals(new float[] {1, 0}, applied.targets().data());
    }

    @Test
    void standardizerWorksOnImagesAndChecksWidth() {
        Tensor images = Tensor.rand(new SplittableRandom(2), 50, 1, 2, 3);
        Standardizer standardizer = Standardizer.fit(images);
        assertEquals(6, standardizer.means().length);
        assertEquals(Shape.of(50, 1, 2, 3), standardizer.apply(images).shape());
        assertEquals("standardizer: fitted on 6 features per row but shape [3, 5] has 5",
                assertThrows(IllegalArgumentException.class, () -> standardizer.apply(Tensor.zeros(3, 5))).getMessage());
    }

    @Test
    void minMaxScalingMapsTheTrainingRangeToZeroOne() {
        Tensor train = Tensor.matrix(new float[][] {{-2, 5}, {0, 5}, {6, 5}});
        MinMaxScaler scaler = MinMaxScaler.fit(train);
        assertArrayEquals(new float[] {-2, 5}, scaler.mins());
        assertArrayEquals(new float[] {6, 5}, scaler.maxs());
        assertArrayEquals(new float[] {0, 0, 0.25f, 0, 1, 0}, scaler.apply(train).data());
        assertArrayEquals(new float[] {1.5f, 1}, scaler.apply(Tensor.matrix(new float[][] {{10, 6}})).data());
        Tensor random = Tensor.normal(new SplittableRandom(3), 0f, 7f, 500, 3);
        float[] scaled = MinMaxScaler.fit(random).apply(random).data();
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : scaled) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
    }

    @Test
    void oneHotEncodesClassIndices() {
        Tensor encoded = OneHot.encode(Tensor.vector(2, 0, 1), 3);
        assertEquals(Shape.of(3, 3), encoded.shape());
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, encoded.data());
        assertEquals("one-hot: label 3.0 at row 1 is not a class index in 0..2",
                assertThrows(IllegalArgumentException.class, () -> OneHot.encode(Tensor.vector(0, 3), 3)).getMessage());
        assertEquals("one-hot: label 0.5 at row 0 is not a class index in 0..2",
                assertThrows(IllegalArgumentException.class, () -> OneHot.encode(Tensor.vector(0.5f), 3)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> OneHot.encode(Tensor.zeros(2, 2), 3));
    }

    @Test
    void flattenFeaturesKeepsRowsAndSharesStorage() {
        Dataset images = new Dataset(Tensor.rand(new SplittableRandom(4), 5, 1, 28, 28), Tensor.zeros(5));
        Dataset flat = images.flattenFeatures();
        assertEquals(Shape.of(5, 784), flat.features().shape());
        assertTrue(flat.features().data() == images.features().data());
    }

    @Test
    void trainValidationSplitIsSeededAndPartitionsTheRows() {
        Dataset data = new Dataset(Tensor.arange(10).reshape(10, 1), Tensor.arange(10));
        TrainValidationSplit split = TrainValidationSplit.split(data, 0.25, new SplittableRandom(7));
        assertEquals(7, split.train().size());
        assertEquals(3, split.validation().size()); // ⌈0.25·10⌉
        Set<Float> seen = new HashSet<>();
        for (float v : split.train().targets().data()) seen.add(v);
        for (float v : split.validation().targets().data()) seen.add(v);
        assertEquals(10, seen.size());
        assertArrayEquals(split.train().targets().data(), split.train().features().data()); // rows stay paired
        TrainValidationSplit again = TrainValidationSplit.split(data, 0.25, new SplittableRandom(7));
        assertArrayEquals(split.validation().targets().data(), again.validation().targets().data());
        int[] order = Permutations.shuffled(10, new SplittableRandom(7));
        assertEquals(order[0], (int) split.validation().targets().get(0));
        TrainValidationSplit other = TrainValidationSplit.split(data, 0.25, new SplittableRandom(8));
        assertFalse(Arrays.equals(split.train().targets().data(), other.train().targets().data()));
        assertThrows(IllegalArgumentException.class, () -> TrainValidationSplit.split(data, 1.0, new SplittableRandom(0)));
        assertThrows(IllegalArgumentException.class, () -> TrainValidationSplit.split(data, 0.95, new SplittableRandom(0)));
    }

    @Test
    void permutationIsFisherYatesAndUniformEnough() {
        // each of the 6 orders of 3 elements appears about 1/6 of the time
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        SplittableRandom random = new SplittableRandom(0);
        for (int i = 0; i < 6000; i++) counts.merge(Arrays.toString(Permutations.shuffled(3, random)), 1, Integer::sum);
        assertEquals(6, counts.size());
        for (int count : counts.values()) assertEquals(1000, count, 150);
    }

    @Test
    void miniBatchesCoverEveryRowOncePerEpochInASeededOrder() {
        Dataset data = new Dataset(Tensor.arange(10).reshape(10, 1), Tensor.arange(10));
        MiniBatches batches = new MiniBatches(data, 4, 123);
        assertEquals(3, batches.batchCount());
        int[] sizes = new int[3];
        int[] visited = new int[10];
        int b = 0;
        int[] order = batches.order(0);
        int position = 0;
        for (Dataset batch : batches.epoch(0)) {
            sizes[b++] = batch.size();
            for (int i = 0; i < batch.size(); i++) {
                int row = (int) batch.targets().get(i);
                assertEquals(row, (int) batch.features().get(i, 0));
                assertEquals(order[position++], row);
                visited[row]++;
            }
        }
        assertArrayEquals(new int[] {4, 4, 2}, sizes);
        for (int v : visited) assertEquals(1, v);
        // same seed, same order for each epoch, whatever was visited before; other epochs and seeds differ
        MiniBatches replay = new MiniBatches(data, 4, 123);
        assertArrayEquals(batches.order(5), replay.order(5));
        assertArrayEquals(order, replay.order(0));
        assertFalse(Arrays.equals(order, batches.order(1)));
        assertFalse(Arrays.equals(order, new MiniBatches(data, 4, 124).order(0)));
    }

    @Test
    void droppingThePartialBatchAndInOrderBatches() {
        Dataset data = new Dataset(Tensor.arange(10).reshape(10, 1), Tensor.arange(10));
        MiniBatches drop = new MiniBatches(data, 4, 0, LastBatch.DROP);
        assertEquals(2, drop.batchCount());
        int batches = 0;
        for (Dataset batch : drop.epoch(3)) {
            assertEquals(4, batch.size());
            batches++;
        }
        assertEquals(2, batches);
        assertThrows(IllegalArgumentException.class, () -> new MiniBatches(data, 11, 0, LastBatch.DROP));
        StringBuilder seen = new StringBuilder();
        for (Dataset batch : MiniBatches.inOrder(data, 3)) seen.append(Arrays.toString(batch.targets().data()));
        assertEquals("[0.0, 1.0, 2.0][3.0, 4.0, 5.0][6.0, 7.0, 8.0][9.0]", seen.toString());
        assertNotEquals(MiniBatches.mix64(1), MiniBatches.mix64(2));
    }
}
