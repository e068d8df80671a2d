package dev.gradflow.check;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.autograd.MatrixOps;
import dev.gradflow.nn.Activation;
import dev.gradflow.nn.Linear;
import dev.gradflow.nn.Sequential;
import dev.gradflow.nn.loss.Losses;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mismatched shapes throw an IllegalArgumentException whose message names the operation and both shapes, so a
 * user can find the offending call without a debugger.
 */
class BadInputTest {

    /** A call on two tensors that must fail, and the operation name its message must contain. */
    record BadCall(String operation, BinaryOperator<Tensor> call, int[] first, int[] second) {
        @Override
        public String toString() {
            return operation + " " + Tensor.zeros(first).shape() + " with " + Tensor.zeros(second).shape();
        }
    }

    static List<BadCall> calls() {
        List<BadCall> calls = new ArrayList<>();
        calls.add(new BadCall("matmul", Tensor::matmul, new int[] {2, 3}, new int[] {4, 5}));
        calls.add(new BadCall("matmul", Tensor::matmul, new int[] {2, 3, 4}, new int[] {5, 6}));
        calls.add(new BadCall("matmul", Tensor::matmul, new int[] {3}, new int[] {3, 2}));
        calls.add(new BadCall("matmul", Tensor::matmul, new int[] {2, 3}, new int[] {2, 3, 4}));
        int[][][] unbroadcastable = {{{2, 3}, {4}}, {{2, 3}, {3, 2}}, {{2, 3, 4}, {2, 4}}};
        for (int[][] shapes : unbroadcastable) {
            calls.add(new BadCall("add", Tensor::add, shapes[0], shapes[1]));
            calls.add(new BadCall("sub", Tensor::sub, shapes[0], shapes[1]));
            calls.add(new BadCall("mul", Tensor::mul, shapes[0], shapes[1]));
            calls.add(new BadCall("div", Tensor::div, shapes[0], shapes[1]));
        }
        // Linear layer with in_features = 4: the message names the input shape and the weight shape [3, 4].
        Linear layer = new Linear(4, 3, new SplittableRandom(1));
        calls.add(new BadCall("linear", (input, weight) -> layer.forward(input), new int[] {2, 5}, new int[] {3, 4}));
        calls.add(new BadCall("linear", (input, weight) -> layer.forward(input), new int[] {5}, new int[] {3, 4}));
        Sequential network = new Sequential(new Linear(4, 3, new SplittableRandom(2)), Activation.of("relu"));
        calls.add(new BadCall("linear", (input, weight) -> network.forward(input), new int[] {2, 6}, new int[] {3, 4}));
        calls.add(new BadCall("linear", (bias, weight) -> MatrixOps.linear(Tensor.zeros(2, 4), weight, bias), new int[] {2}, new int[] {3, 4}));
        for (String loss : List.of("mse", "l1", "huber", "bce_with_logits")) {
            calls.add(new BadCall(loss, Losses.byName(loss)::compute, new int[] {4, 3}, new int[] {4}));
            calls.add(new BadCall(loss, Losses.byName(loss)::compute, new int[] {4, 3}, new int[] {3, 4}));
            calls.add(new BadCall(loss, Losses.byName(loss)::compute, new int[] {8, 1}, new int[] {8}));
        }
        calls.add(new BadCall("cross_entropy", Losses.byName("cross_entropy")::compute, new int[] {4, 5}, new int[] {5}));
        calls.add(new BadCall("cross_entropy", Losses.byName("cross_entropy")::compute, new int[] {4, 5}, new int[] {4, 1}));
        calls.add(new BadCall("cross_entropy", Losses.byName("cross_entropy")::compute, new int[] {4, 5}, new int[] {4, 5}));
        calls.add(new BadCall("cross_entropy", Losses.byName("cross_entropy")::compute, new int[] {5}, new int[] {}));
        return calls;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void messageNamesTheOperationAndBothShapes(BadCall c) {
        Tensor first = Tensor.zeros(c.first()).requiresGrad(true);
        Tensor second = Tensor.zeros(c.second()).requiresGrad(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.call().apply(first, second));
        String message = e.getMessage();
        assertTrue(message.contains(c.operation()), "names " + c.operation() + ": " + message);
        assertTrue(message.contains(first.shape().toString()), "names " + first.shape() + ": " + message);
        assertTrue(message.contains(second.shape().toString()), "names " + second.shape() + ": " + message);
    }
}
