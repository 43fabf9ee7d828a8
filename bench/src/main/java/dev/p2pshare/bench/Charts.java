package dev.p2pshare.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The swarm results as PNG charts, drawn by XChart. */
final class Charts {

	private static final Color[] PALETTE = { new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
			new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b) };

	private Charts() {
	}

	/**
	 * When each leech held the whole file, fastest first, per capped scenario, with the
	 * scenario's theoretical minimum as a dashed line.
	 */
	static void leechTimes(List<SwarmBench.Outcome> outcomes, Path file) throws IOException {
		XYChart chart = new XYChartBuilder().width(900)
			.height(540)
			.title("Time until each leech holds the verified file")
			.xAxisTitle("leech (fastest first)")
			.yAxisTitle("seconds since the first request")
			.build();
		chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
		for (int index = 0; index < outcomes.size(); index++) {
			SwarmBench.Outcome outcome = outcomes.get(index);
			Color color = PALETTE[index % PALETTE.length];
			double[] seconds = outcome.leechSeconds().clone();
			Arrays.sort(seconds);
			double[] rank = new double[seconds.length];
			for (int i = 0; i < rank.length; i++) {
				rank[i] = i + 1;
			}
			XYSeries times = chart.addSeries(outcome.label(), rank, seconds);
			times.setMarker(SeriesMarkers.CIRCLE);
			times.setLineColor(color);
			times.setMarkerColor(color);
			if (!Double.isNaN(outcome.boundSeconds())) {
				XYSeries bound = chart.addSeries("bound, " + outcome.label(), new double[] { 1, rank.length },
						new double[] { outcome.boundSeconds(), outcome.boundSeconds() });
				bound.setMarker(SeriesMarkers.NONE);
				bound.setLineColor(color);
				bound.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
						new float[] { 6f, 4f }, 0f));
			}
		}
		BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
	}

	/** Where the leeches' chunks came from over time: the seed, or other leeches. */
	static void chunkSources(SwarmBench.Outcome outcome, Path file) throws IOException {
		XYChart chart = new XYChartBuilder().width(900)
			.height(540)
			.title("Chunk sources over time, " + outcome.label())
			.xAxisTitle("seconds since the first request")
			.yAxisTitle("chunks received by all leeches")
			.build();
		double[] time = outcome.sources().stream().mapToDouble((sample) -> sample[0]).toArray();
		double[] fromSeed = outcome.sources().stream().mapToDouble((sample) -> sample[1]).toArray();
		double[] fromLeeches = outcome.sources().stream().mapToDouble((sample) -> sample[2]).toArray();
		chart.addSeries("from the seed", time, fromSeed).setMarker(SeriesMarkers.NONE);
		chart.addSeries("from other leeches", time, fromLeeches).setMarker(SeriesMarkers.NONE);
		BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
	}

}
