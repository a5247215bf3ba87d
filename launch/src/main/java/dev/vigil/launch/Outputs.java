package dev.vigil.launch;

import dev.vigil.launch.replay.Recordings;
import dev.vigil.launch.report.ReportPage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A replay's output files, checked before the run starts so that a run never completes only to fail
 * at the end: each can be written, none is two outputs at once, the recordings' folder has room for
 * them, no other run uses that folder, and it holds no earlier run's outputs unless they are to be
 * replaced. The folder stays locked ({@code .lock} in it, an OS file lock that dies with the process)
 * until {@link #close}.
 */
final class Outputs implements AutoCloseable {

    static final String LOCK = ".lock";
    /** What a run writes into its {@code --out} folder. */
    static final List<String> FILES = List.of("report.json", ReportPage.FILE, "mic.wav", "robot.wav", "mix.wav");
    /** Room left over for the report and the events file beyond the recordings. */
    private static final long MARGIN_BYTES = 8L << 20;

    private final Path dir;
    private final FileChannel lockFile;
    private final FileLock lock;

    private Outputs(Path dir, FileChannel lockFile, FileLock lock) {
        this.dir = dir;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /**
     * Checks and claims the outputs; call before any model loads.
     *
     * @param report {@code --report}, or null; its page (report.html) goes beside it ({@link ReportPage#besideReport})
     * @param dir    {@code --out}: report.json, report.html, mic.wav, robot.wav, mix.wav; or null
     * @param events {@code --events}: a file, {@code -} or null
     * @param overwrite {@code --overwrite}: an earlier run's outputs in {@code dir} are deleted now
     *     rather than refused, so the folder never mixes two runs' files
     * @throws SetupException one line naming the option, the path and the problem; among them an
     *     earlier run's outputs in {@code dir} without {@code overwrite}
     */
    static Outputs claim(Path report, Path dir, String events, boolean overwrite) throws SetupException {
        Map<Path, String> targets = new LinkedHashMap<>();
        if (dir != null) {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new SetupException("--out " + dir + ": a file, not a folder (give a folder for report.json,"
                        + " report.html, mic.wav, robot.wav, mix.wav)");
            }
            for (String name : FILES) {
                if (Files.isDirectory(dir.resolve(name))) {
                    throw new SetupException("--out " + dir + ": " + name + " there is a folder; the run writes a file"
                            + " of that name");
                }
                targets.put(key(dir.resolve(name)), "--out " + dir + " (" + name + ")");
            }
        }
        if (report != null) {
            requireFile("--report", report);
            String clash = targets.get(key(report));
            // The report under --out is the same report: the same bytes twice, not a clash.
            if (clash != null && !key(report).equals(dir == null ? null : key(dir.resolve("report.json")))) {
                throw new SetupException("--report " + report + ": also written by " + clash);
            }
            targets.putIfAbsent(key(report), "--report " + report);
            Path page = ReportPage.besideReport(report);
            if (key(page).equals(key(report))) {
                throw new SetupException("--report " + report + ": the report page is written beside the report as "
                        + page.getFileName() + "; give the report a .json name");
            }
            String pageClash = targets.get(key(page));
            if (pageClash != null && !key(page).equals(dir == null ? null : key(dir.resolve(ReportPage.FILE)))) {
                throw new SetupException("--report " + report + ": its page " + page + " is also written by " + pageClash);
            }
            targets.putIfAbsent(key(page), "--report " + report + " (its page " + page.getFileName() + ")");
        }
        if (events != null && !events.equals("-")) {
            Path file = Path.of(events);
            requireFile("--events", file);
            String clash = targets.get(key(file));
            if (clash != null) {
                throw new SetupException("--events " + events + ": also written by " + clash);
            }
        }
        if (dir == null) {
            return new Outputs(null, null, null);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SetupException("--out " + dir + ": cannot create the folder (" + reason(e) + ")");
        }
        probe("--out", dir);
        Outputs claimed = lock(dir);
        try {
            // Under the lock: a run still writing there is "another run", not "an earlier run".
            claimed.clearEarlierRun(overwrite);
        } catch (SetupException e) {
            claimed.close();
            throw e;
        }
        return claimed;
    }

    /**
     * Refuses a folder holding an earlier run's outputs, as {@code ros2 bag record -o} does: a second
     * run there would silently replace the first one's files. With {@code overwrite} they are deleted.
     */
    private void clearEarlierRun(boolean overwrite) throws SetupException {
        List<String> earlier = earlierRun(dir);
        if (!earlier.isEmpty() && !overwrite) {
            throw new SetupException("--out " + dir + ": holds an earlier run's outputs (" + String.join(", ", earlier)
                    + "); give a new or empty folder, or --overwrite to replace them");
        }
        delete(dir, earlier);
    }

    /** The names of {@link #FILES} that an earlier run left in {@code dir}, in that order. */
    static List<String> earlierRun(Path dir) {
        return FILES.stream().filter(name -> Files.exists(dir.resolve(name))).toList();
    }

    /**
     * Deletes an earlier run's outputs ({@link #earlierRun}) from {@code dir}.
     *
     * @throws SetupException one line naming the folder, the file and why it could not be deleted
     */
    static void delete(Path dir, List<String> earlier) throws SetupException {
        for (String name : earlier) {
            try {
                Files.delete(dir.resolve(name));
            } catch (IOException e) {
                throw new SetupException("--out " + dir + ": cannot delete the earlier " + name + " (" + reason(e) + ")");
            }
        }
    }

    /** The claimed folder for report.json and the recordings, or null without {@code --out}. */
    Path dir() {
        return dir;
    }

    /**
     * Checks that the recordings' folder has room for {@code seconds} of the three recordings.
     *
     * @throws SetupException one line with the space needed and the space free
     */
    void requireRoom(double seconds) throws SetupException {
        if (dir == null) {
            return;
        }
        long needed = Recordings.expectedBytes(seconds) + MARGIN_BYTES;
        long free;
        try {
            free = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return;   // a file system that cannot say: the writes themselves will tell
        }
        if (free < needed) {
            throw new SetupException(String.format(java.util.Locale.ROOT, "--out %s: the recordings of %.0f s need about"
                    + " %.1f MB, and only %.1f MB are free there", dir, seconds, mb(needed), mb(free)));
        }
    }

    /** Releases the folder for other runs. The lock file stays: deleting it would let two runs lock two files. */
    @Override
    public void close() {
        if (lockFile == null) {
            return;
        }
        try {
            lock.release();
            lockFile.close();
        } catch (IOException e) {
            // Closing the process releases it anyway.
        }
    }

    private static Outputs lock(Path dir) throws SetupException {
        Path file = dir.resolve(LOCK);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new SetupException("--out " + dir + ": cannot write " + file + " (" + reason(e) + ")");
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;   // this process holds it already
        } catch (IOException e) {
            closeQuietly(channel);
            throw new SetupException("--out " + dir + ": cannot lock " + file + " (" + reason(e) + ")");
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new SetupException("--out " + dir + ": another run is writing there (it holds " + file
                    + "); wait for it to end, or give another folder");
        }
        return new Outputs(dir, channel, lock);
    }

    /** A file output: not a folder, and its folder can be created and written. */
    private static void requireFile(String option, Path file) throws SetupException {
        if (Files.isDirectory(file)) {
            throw new SetupException(option + " " + file + ": a folder, not a file (give a file name, e.g. "
                    + file.resolve(option.equals("--events") ? "events.jsonl" : "report.json") + ")");
        }
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new SetupException(option + " " + file + ": cannot create its folder (" + reason(e) + ")");
        }
        probe(option + " " + file, parent);
    }

    /** Writes and deletes a file in {@code folder}: the one sure test that it can be written. */
    private static void probe(String what, Path folder) throws SetupException {
        try {
            Files.delete(Files.createTempFile(folder, ".vigil-", ".probe"));
        } catch (IOException e) {
            throw new SetupException(what + ": cannot write in " + folder + " (" + reason(e) + ")");
        }
    }

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /** Megabytes with one decimal shown: a nearly full disk's few kilobytes must not read as 0 or 1 MB. */
    private static double mb(long bytes) {
        return bytes / (double) (1 << 20);
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing was written through it.
        }
    }
}
