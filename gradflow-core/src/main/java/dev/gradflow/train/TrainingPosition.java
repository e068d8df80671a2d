package dev.gradflow.train;

/**
 * Where a run stands in its data: the optimizer steps completed, the epoch of the last of them and how many
 * batches of that epoch it has consumed. Mini-batch order is a function of (seed, epoch) ({@code data.MiniBatches}),
 * so this is all a resumed run needs to draw the very batches the interrupted one would have drawn next.
 *
 * @param step              optimizer steps completed (≥ 1 once training has started)
 * @param epoch             1-based epoch of the last completed step
 * @param batchInEpoch      batches of that epoch consumed, 1 to {@code batchesPerEpoch}
 * @param batchesPerEpoch   batches in every epoch, to check that a resumed run cuts its data the same way
 * @param trainingRows      rows of the training split, to check that a resumed run trains on data of the same size
 */
public record TrainingPosition(long step, long epoch, int batchInEpoch, int batchesPerEpoch, int trainingRows) {

    public TrainingPosition {
        if (step < 1) throw new IllegalArgumentException("training position: step must be >= 1, got " + step);
        if (epoch < 1) throw new IllegalArgumentException("training position: epoch must be >= 1, got " + epoch);
        if (batchesPerEpoch < 1) throw new IllegalArgumentException("training position: batches per epoch must be >= 1, got " + batchesPerEpoch);
        if (batchInEpoch < 1 || batchInEpoch > batchesPerEpoch) {
            throw new IllegalArgumentException("training position: batch in epoch must be in 1.." + batchesPerEpoch + ", got " + batchInEpoch);
        }
        if (trainingRows < 1) throw new IllegalArgumentException("training position: training rows must be >= 1, got " + trainingRows);
        if (epoch >= Integer.MAX_VALUE) throw new IllegalArgumentException("training position: epoch must be < " + Integer.MAX_VALUE + ", got " + epoch);
        if (epoch - 1 > (step - batchInEpoch) / batchesPerEpoch || step < batchInEpoch) {
            throw new IllegalArgumentException("training position: " + step + " steps cannot reach batch " + batchInEpoch
                    + " of epoch " + epoch + " at " + batchesPerEpoch + " batches per epoch");
        }
    }

    /** 0-based index of the epoch the next step draws its batch from. */
    public long nextEpochIndex() {
        return batchInEpoch == batchesPerEpoch ? epoch : epoch - 1;
    }

    /** 0-based index, within its epoch, of the batch the next step uses. */
    public int nextBatchIndex() {
        return batchInEpoch == batchesPerEpoch ? 0 : batchInEpoch;
    }
}
