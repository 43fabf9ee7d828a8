package dev.p2pshare.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The bound every capped swarm is measured against, {@code max(F/Us, N*F/(Us + N*U))}.
 */
class SwarmBoundTests {

	@Test
	void theSeedsOneCopyRulesASymmetricSwarm() {
		// max(64/16, 8*64/(16+8*16)) = max(4, 3.56)
		assertThat(SwarmBench.bound(8, 64, 16, 16)).isEqualTo(4.0);
	}

	@Test
	void theSwarmsUploadRulesWhenLeechesAreSlowerThanTheSeed() {
		// max(256/32, 16*256/(32+16*8)) = max(8, 25.6)
		assertThat(SwarmBench.bound(16, 256, 32, 8)).isCloseTo(25.6, within(1e-9));
	}

	@Test
	void anUncappedSwarmHasNoBound() {
		assertThat(SwarmBench.bound(8, 64, 0, 0)).isNaN();
	}

	@Test
	void anAsymmetricCaseSaysBothCapsInItsLabelAndFileNames() {
		SwarmBench.Case asymmetric = new SwarmBench.Case(16, List.of(256), 8, 32);
		assertThat(asymmetric.label(256)).isEqualTo("N=16 F=256MiB Us=32MiB/s U=8MiB/s");
		assertThat(asymmetric.name()).isEqualTo("swarm-n16-u8-s32");
		assertThat(new SwarmBench.Case(8, List.of(64), 16).label(64)).isEqualTo("N=8 F=64MiB U=16MiB/s");
	}

}
