import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A prisoner number names one person whatever its case. Numbers were stored as sent, so a custody event for
 * `osl-1` created a second prisoner beside the `OSL-1` a population file had admitted. Every entry point now
 * trims and upper-cases the number; here the stored numbers follow, and a check refuses any other form, so
 * the unique key on prisoner_number is unique whatever the case. Numbers that differ only in case are two
 * rows of one person, which no migration can merge: `up` stops and names them, to be resolved by hand.
 */
export class PrisonerNumberUpperCase1796500000000 implements MigrationInterface {
  name = 'PrisonerNumberUpperCase1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const clashes: Array<{ numbers: string[] }> = await queryRunner.query(
      `SELECT array_agg(prisoner_number ORDER BY prisoner_number) AS numbers
         FROM prisoner GROUP BY upper(btrim(prisoner_number)) HAVING count(*) > 1 ORDER BY 1`,
    );
    if (clashes.length > 0) {
      const named = clashes.map((c) => c.numbers.join(' = ')).join('; ');
      throw new Error(
        `PrisonerNumberUpperCase: ${clashes.length} prisoner number(s) are stored more than once in different case ` +
          `(${named}). Each is one person held as two prisoners: merge or renumber them, then migrate again.`,
      );
    }
    await queryRunner.query(
      `UPDATE prisoner SET prisoner_number = upper(btrim(prisoner_number)) WHERE prisoner_number <> upper(btrim(prisoner_number))`,
    );
    // The event log's number serves the ordering of later events (OUT_OF_ORDER): the same form as the prisoner's.
    await queryRunner.query(
      `UPDATE custody_event SET prisoner_number = upper(btrim(prisoner_number)) WHERE prisoner_number <> upper(btrim(prisoner_number))`,
    );
    await queryRunner.query(
      `ALTER TABLE "prisoner" ADD CONSTRAINT "prisoner_number_normalised" CHECK ("prisoner_number" = upper(btrim("prisoner_number")))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The numbers stay in upper case: the case they were sent in is not kept, and any case was allowed before.
    await queryRunner.query(`ALTER TABLE "prisoner" DROP CONSTRAINT "prisoner_number_normalised"`);
  }
}
