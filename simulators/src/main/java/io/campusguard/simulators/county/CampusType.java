package io.campusguard.simulators.county;

/**
 * The county's kinds of campus, with how many it has (its 2025–2029 plan: 4 high schools, 1 vocational
 * school, 18 junior middle schools, 4 nine-year schools, 54 primary schools, 48 kindergartens) and the
 * pupils per class used to size classrooms.
 */
public enum CampusType {
  HIGH_SCHOOL("普通高中", 4, 50, true),
  VOCATIONAL("中等职业学校", 1, 45, true),
  JUNIOR_MIDDLE("初级中学", 18, 50, true),
  NINE_YEAR("九年一贯制学校", 4, 45, true),
  PRIMARY("完全小学", 54, 45, false),
  KINDERGARTEN("幼儿园", 48, 30, false);

  private final String chineseName;
  private final int count;
  private final int pupilsPerClass;
  private final boolean boarding;

  CampusType(String chineseName, int count, int pupilsPerClass, boolean boarding) {
    this.chineseName = chineseName;
    this.count = count;
    this.pupilsPerClass = pupilsPerClass;
    this.boarding = boarding;
  }

  public String chineseName() {
    return chineseName;
  }

  public int count() {
    return count;
  }

  public int pupilsPerClass() {
    return pupilsPerClass;
  }

  /** Boarding schools have dormitories, each with its own one-touch alarm. */
  public boolean boarding() {
    return boarding;
  }
}
