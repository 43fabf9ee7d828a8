package dev.p2pshare.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The options the benchmark refuses before it starts anything, with what it says. */
class BenchOptionsTests {

	@Test
	void theOptionsBenchReadmeGivesAreTaken() {
		assertThat(Bench.refusal(new String[0])).isNull();
		assertThat(Bench.refusal(new String[] { "--quick", "--keep-work", "--no-cds" })).isNull();
		assertThat(Bench.refusal(new String[] { "--only=capped,uncapped", "--leeches=8", "--file-mib=64",
				"--cap-mib=16", "--warm-ups=0", "--warm-up-mib=16" }))
			.isNull();
		assertThat(Bench
			.refusal(new String[] { "--only=single,memory", "--transfer-warm-ups=0", "--transfer-warm-up-mib=128" }))
			.isNull();
		assertThat(Bench.refusal(new String[] { "--only=single", "--single-rounds=5" })).isNull();
		assertThat(Bench.refusal(new String[] { "--only=tracker", "--tracker-peers=10000", "--tracker-seconds=30",
				"--tracker-warm-up-seconds=0" }))
			.isNull();
		assertThat(Bench.refusal(new String[] { "--only=load", "--load-leeches=50", "--load-minutes=4" })).isNull();
		assertThat(Bench.refusal(new String[] { "--net=namespaces", "--leeches=8", "--file-mib=64" })).isNull();
	}

	@Test
	void theNetworkModeNamesWhatItTakes() {
		assertThat(Bench.refusal(new String[] { "--net=loopback" })).isEqualTo(
				"--net takes 'namespaces' (hosts in network namespaces, uploads capped by the kernel); not 'loopback'");
		assertThat(Bench.isFullRun(new String[] { "--net=namespaces" })).isTrue();
		assertThat(Bench.isFullRun(new String[] { "--net=namespaces", "--leeches=4" })).isFalse();
	}

	@Test
	void aTypoIsRefusedRatherThanRunningTheFullSuite() {
		assertThat(Bench.refusal(new String[] { "--only=tracker", "--leechs=4" }))
			.isEqualTo("Unknown option '--leechs=4' (bench/README.md lists them)");
		assertThat(Bench.refusal(new String[] { "quick" })).startsWith("Unknown option 'quick'");
	}

	@Test
	void aNumberOutOfItsRangeOrNoNumberIsRefusedByName() {
		assertThat(Bench.refusal(new String[] { "--leeches=x" }))
			.isEqualTo("--leeches takes a whole number of 1 or more; not 'x'");
		assertThat(Bench.refusal(new String[] { "--leeches=0" })).startsWith("--leeches takes");
		assertThat(Bench.refusal(new String[] { "--warm-ups=-1" }))
			.isEqualTo("--warm-ups takes a whole number of 0 or more; not '-1'");
		assertThat(Bench.refusal(new String[] { "--tracker-peers=1" }))
			.isEqualTo("--tracker-peers takes a whole number from 2 to 10000; not '1'");
		assertThat(Bench.refusal(new String[] { "--tracker-peers=10001" })).startsWith("--tracker-peers takes");
		assertThat(Bench.refusal(new String[] { "--file-mib=99999999999" })).startsWith("--file-mib takes");
		assertThat(Bench.refusal(new String[] { "--single-rounds=0" }))
			.isEqualTo("--single-rounds takes a whole number of 1 or more; not '0'");
	}

	@Test
	void onlyNamesBenchmarksThatExist() {
		assertThat(Bench.refusal(new String[] { "--only=single,foo" })).isEqualTo(
				"--only takes a comma-separated list of capped, load, memory, single, tracker, uncapped; not 'foo'");
		assertThat(Bench.refusal(new String[] { "--only=" })).endsWith("not ''");
	}

	@Test
	void aRunIsFullUnlessAnOptionChangesWhatIsMeasured() {
		assertThat(Bench.isFullRun(new String[0])).isTrue();
		assertThat(Bench.isFullRun(new String[] { "--keep-work", "--no-cds", "--tracker-seconds=30" })).isTrue();
		assertThat(Bench.isFullRun(new String[] { "--quick" })).isFalse();
		assertThat(Bench.isFullRun(new String[] { "--only=tracker" })).isFalse();
		assertThat(Bench.isFullRun(new String[] { "--tracker-warm-up-seconds=5" })).isFalse();
		assertThat(Bench.isFullRun(new String[] { "--transfer-warm-ups=2" })).isFalse();
		assertThat(Bench.isFullRun(new String[] { "--single-rounds=1" })).isFalse();
		assertThat(Bench.isFullRun(new String[] { "--tracker-peers=1000" })).isFalse();
	}

}
