package dev.vdk.example;

/** One source record: an order event with an increasing id. */
record Record(long id, String eventTime, String customer, String amount) {

  static Record parse(String csvLine) {
    String[] fields = csvLine.split(",", -1);
    if (fields.length != 4) {
      throw new IllegalArgumentException("A source record needs 4 fields, got: " + csvLine);
    }
    return new Record(Long.parseLong(fields[0].trim()), fields[1], fields[2], fields[3]);
  }

  String toCsv() {
    return id + "," + eventTime + "," + customer + "," + amount;
  }
}
