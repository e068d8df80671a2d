package dev.gradflow.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gradflow.tensor.Shape;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSourceTest {
    private static final Path ROOT = Path.of("/data/sets");

    @TempDir
    Path dir;

    @Test
    void mnistUrisNameADirectorySplitLayoutAndChecksumPolicy() {
        var source = assertInstanceOf(DatasetSource.MnistFiles.class, DatasetSource.parse("mnist:/d/mnist?split=test&layout=nchw", ROOT));
        assertEquals(new DatasetSource.MnistFiles(MnistFamily.MNIST, Path.of("/d/mnist"), Split.TEST, ImageLayout.NCHW,
                ChecksumPolicy.VERIFY), source);
        assertEquals("mnist:/d/mnist?split=test&layout=nchw&checksum=verify", source.uri());
        var defaults = assertInstanceOf(DatasetSource.MnistFiles.class, DatasetSource.parse("fashion-mnist:", ROOT));
        assertEquals(ROOT.resolve("fashion-mnist"), defaults.directory());
        assertEquals(Split.TRAIN, defaults.split());
        assertEquals(MnistFamily.FASHION_MNIST, defaults.family());
    }

    @Test
    void mnistUriLoadsTheSlice() {
        Path slice = TestFiles.resource("mnist-slice");
        Dataset data = DatasetSource.parse("mnist:" + slice + "?split=test&checksum=skip").load();
        assertEquals(Shape.of(1000, 784), data.features().shape());
        assertEquals(7f, data.targets().get(0));
        Path fashion = TestFiles.resource("fashion-mnist-slice");
        assertEquals(Shape.of(200, 1, 28, 28),
                DatasetSource.parse("FASHION-MNIST:" + fashion + "?Split=TEST&layout=nchw&checksum=skip").load().features().shape());
        assertThrows(DataFormatException.class, () -> DatasetSource.parse("mnist:" + slice + "?split=test").load());
    }

    @Test
    void csvUrisChooseTargetsAndTask() {
        Path file = TestFiles.write(dir, "flowers.csv", "length,width,species\n1.5,0.5,0\n4.5,1.5,1\n6.0,2.5,2\n");
        DatasetSource source = DatasetSource.parse("csv:" + file + "?target=species&task=classification");
        assertEquals(new DatasetSource.CsvFile(file, new CsvOptions(TargetColumns.named("species"), Task.CLASSIFICATION)), source);
        assertEquals("csv:" + file + "?target=species&task=classification", source.uri());
        Dataset data = source.load();
        assertEquals(Shape.of(3), data.targets().shape());
        assertArrayEquals(new float[] {0, 1, 2}, data.targets().data());
        Dataset regression = DatasetSource.parse("csv:" + file + "?target-index=0,-1").load();
        assertEquals(Shape.of(3, 2), regression.targets().shape());
        assertArrayEquals(new float[] {0.5f, 1.5f, 2.5f}, regression.features().data());
        DatasetSource plain = DatasetSource.parse("csv:" + file);
        assertEquals("csv:" + file + "?task=regression", plain.uri());
        assertEquals(Shape.of(3, 1), plain.load().targets().shape());
    }

    @Test
    void pathsAndValuesArePercentDecoded() {
        Path file = TestFiles.write(dir, "a b?&.csv", "x,my col\n1,2\n");
        String encoded = "csv:" + dir + "/a%20b%3F%26.csv?target=my%20col";
        DatasetSource source = DatasetSource.parse(encoded);
        assertEquals(file, ((DatasetSource.CsvFile) source).file());
        assertEquals(2f, source.load().targets().item());
        assertEquals(source, DatasetSource.parse(source.uri()));
    }

    @Test
    void sklearnUrisFindTheFilesInDirOrUnderTheRoot() {
        Path sklearn = TestFiles.resource("sklearn");
        Dataset iris = DatasetSource.parse("sklearn:iris?dir=" + sklearn).load();
        assertEquals(Shape.of(150, 4), iris.features().shape());
        var defaults = assertInstanceOf(DatasetSource.Sklearn.class, DatasetSource.parse("sklearn:breast_cancer", ROOT));
        assertEquals(ROOT.resolve("sklearn-small"), defaults.directory());
        assertEquals("sklearn:breast_cancer?dir=/data/sets/sklearn-small&checksum=verify", defaults.uri());
        assertEquals(Shape.of(200, 64),
                DatasetSource.parse("sklearn:digits?dir=" + sklearn + "&checksum=skip").load().features().shape());
    }

    @Test
    void syntheticUrisGiveTheGeneratorsData() {
        DatasetSource linear = DatasetSource.parse("synthetic:linear?n=1000&d=10&seed=0");
        assertEquals(new DatasetSource.Synthetic(LinearData.of(1000, 10), 0), linear);
        assertArrayEquals(LinearData.of(1000, 10).generate(0).targets().data(), linear.load().targets().data());
        assertEquals("synthetic:linear?n=1000&d=10&noise=0.0&seed=0", linear.uri());
        assertEquals(new DatasetSource.Synthetic(new TwoMoons(1000, 0.1f), 0), DatasetSource.parse("synthetic:moons?n=1000&noise=0.1"));
        assertEquals(new DatasetSource.Synthetic(new Spirals(300, 4, 0.2f), 5), DatasetSource.parse("synthetic:spirals?n=300&classes=4&seed=5"));
        assertEquals(new DatasetSource.Synthetic(new GaussianBlobs(100, 5, 2, 0.5f, 10f), -3),
                DatasetSource.parse("synthetic:blobs?n=100&d=5&centers=2&std=0.5&seed=-3"));
        assertEquals(new DatasetSource.Synthetic(new TeacherData(50, 4, List.of(8, 8), 5, Task.CLASSIFICATION, 0f), 1),
                DatasetSource.parse("synthetic:teacher?n=50&d=4&hidden=8,8&task=classification&classes=5&seed=1"));
        assertEquals(new DatasetSource.Synthetic(new TeacherData(1000, 10, List.of(), 2, Task.REGRESSION, 0.5f), 0),
                DatasetSource.parse("synthetic:teacher?hidden=none&out=2&noise=0.5"));
        DatasetSource weighted = DatasetSource.parse("synthetic:linear?n=5&w=2,0.5,-1");
        assertEquals(3, ((LinearData) ((DatasetSource.Synthetic) weighted).generator()).features());
        assertEquals("synthetic:linear?n=5&d=3&w=2.0,0.5,-1.0&noise=0.0&seed=0", weighted.uri());
    }

    @Test
    void canonicalUrisParseBackToTheSameSource() {
        for (String uri : List.of("synthetic:linear?n=7&d=3&noise=0.25&seed=9", "synthetic:moons", "synthetic:spirals?classes=5&n=20",
                "synthetic:blobs?box=3", "synthetic:teacher?task=classification&hidden=4", "synthetic:teacher?hidden=none",
                "mnist:relative/dir?checksum=skip", "sklearn:wine", "csv:x.csv?target=a,b", "csv:x.csv?target-index=-1&task=classification")) {
            DatasetSource source = DatasetSource.parse(uri, ROOT);
            assertEquals(source, DatasetSource.parse(source.uri(), ROOT), uri);
        }
    }

    @Test
    void malformedUrisAreExplained() {
        assertError("dataset \"iris.csv\": expected SCHEME:…, with scheme one of mnist, fashion-mnist, csv, sklearn, synthetic"
                + " (e.g. csv:data.csv, mnist:DIR, sklearn:iris, synthetic:moons?n=1000)", "iris.csv");
        assertError("dataset \"ftp:x\": unknown scheme \"ftp\"; known schemes: mnist, fashion-mnist, csv, sklearn, synthetic", "ftp:x");
        assertError("dataset \"synthetic:moons?n=100&nosie=0.1\": unknown parameter \"nosie\" for synthetic:moons; allowed: n, noise, seed",
                "synthetic:moons?n=100&nosie=0.1");
        assertError("dataset \"synthetic:moons?n=abc\": parameter n: \"abc\" is not a whole number", "synthetic:moons?n=abc");
        assertError("dataset \"synthetic:moons?n=-5\": parameter n must be a positive whole number, got -5", "synthetic:moons?n=-5");
        assertError("dataset \"synthetic:moons?noise=NaN\": parameter noise: \"NaN\" is not a finite number", "synthetic:moons?noise=NaN");
        assertError("dataset \"synthetic:moons?n=1&n=2\": parameter n is given twice", "synthetic:moons?n=1&n=2");
        assertError("dataset \"synthetic:moons?n\": parameter \"n\" has no value (write n=VALUE)", "synthetic:moons?n");
        assertError("dataset \"synthetic:moons?n=\": parameter n has no value", "synthetic:moons?n=");
        assertError("dataset \"synthetic:circles\": unknown synthetic generator \"circles\"; known: linear, moons, spirals, blobs, teacher",
                "synthetic:circles");
        assertError("dataset \"synthetic:spirals?n=2\": spirals: 2 samples cannot fill 3 classes", "synthetic:spirals?n=2");
        assertError("dataset \"synthetic:linear?d=2&w=1,2,3\": parameter w has 3 weights but d=2", "synthetic:linear?d=2&w=1,2,3");
        assertError("dataset \"synthetic:teacher?classes=4\": classes applies to task=classification; use out=K for regression outputs",
                "synthetic:teacher?classes=4");
        assertError("dataset \"mnist:d?split=validation\": parameter split: \"validation\" is not one of train, test",
                "mnist:d?split=validation");
        assertError("dataset \"mnist:d?dir=x\": unknown parameter \"dir\" for mnist; allowed: split, layout, checksum", "mnist:d?dir=x");
        assertError("dataset \"csv:\": csv needs a file: csv:PATH[?target=NAME]", "csv:");
        assertError("dataset \"csv:a.csv?target=x&target-index=1\": give target (column names) or target-index (column indices), not both",
                "csv:a.csv?target=x&target-index=1");
        assertError("dataset \"csv:a.csv?target=x,,y\": parameter target: empty item in the list \"x,,y\"", "csv:a.csv?target=x,,y");
        assertError("dataset \"sklearn:diabetes\": unknown scikit-learn dataset \"diabetes\"; known: [iris, wine, breast_cancer, digits]",
                "sklearn:diabetes");
        assertError("dataset \"csv:a%zz.csv\": bad percent escape \"%zz\" in \"a%zz.csv\"", "csv:a%zz.csv");
        assertError("dataset \"csv:a%2\": incomplete percent escape in \"a%2\"", "csv:a%2");
        assertError("dataset \"\": empty dataset URI", "");
    }

    @Test
    void missingFilesSurfaceOnLoadAsDataFormatExceptions() {
        DatasetSource source = DatasetSource.parse("csv:" + dir.resolve("missing.csv"));
        assertEquals(dir.resolve("missing.csv") + ": the file does not exist",
                assertThrows(DataFormatException.class, source::load).getMessage());
    }

    private static void assertError(String expected, String uri) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> DatasetSource.parse(uri, ROOT)).getMessage());
    }
}
