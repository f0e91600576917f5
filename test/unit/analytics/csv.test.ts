import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "../../../src/analytics/csv";

describe("analytics CSV", () => {
  it("quotes cells with commas, quotes and line breaks, doubling inner quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("Smith, Jones & Co")).toBe('"Smith, Jones & Co"');
    expect(csvCell('Dr. "Bones" Lee')).toBe('"Dr. ""Bones"" Lee"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"');
  });

  it("guards text that a spreadsheet would run as a formula with a leading apostrophe", () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(csvCell("+1 555")).toBe("'+1 555");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    // Only the start matters: a formula sign inside the text is harmless.
    expect(csvCell("Knee = OK")).toBe("Knee = OK");
  });

  it("writes numbers as numbers (a negative change stays a number) and empty for missing values", () => {
    expect(csvCell(-2.5)).toBe("-2.5");
    expect(csvCell(0)).toBe("0");
    expect(csvCell(null)).toBe("");
    expect(csvCell(Number.NaN)).toBe("");
  });

  it("joins a header and rows with CRLF line ends", () => {
    expect(
      toCsv(
        ["Name", "Rate (%)"],
        [
          ["=evil", 50],
          ["A, B", null],
        ],
      ),
    ).toBe('Name,Rate (%)\r\n\'=evil,50\r\n"A, B",\r\n');
  });
});
