import type { PaymentMethod } from '@hiorder/domain/ordering/ordering.schemas';
import type { PrinterDuty } from '@hiorder/domain/printing/printing.schemas';
import receiptline from 'receiptline';
import type { Bill, PrintDocument, StationTicket, TestPage } from './print-document';

/**
 * Print documents to receiptline markup, and markup to what a printer or a person reads. receiptline does the
 * ESC/POS: commands, character sizes, and Korean text in the printer's code page (CP949, through iconv-lite),
 * so no byte table is written here. Characters per line: 42, font A on 80 mm paper with margins.
 */
export const CHARS_PER_LINE = 42;

const DUTY_LABEL: Record<PrinterDuty, string> = { kitchen: '주방 KITCHEN', bar: '바 BAR', receipt: '계산대 COUNTER' };
const METHOD_LABEL: Record<PaymentMethod, string> = {
  easy_pay: '간편결제 Easy',
  cash: '현금 Cash',
  card_terminal: '카드 Card',
  other: '기타 Other',
};

/** What the job's header says besides the document itself. */
export interface RenderMarks {
  /** A staff reprint. */
  reprint?: boolean;
  /** Sent again after a crash while it was being sent: the first copy may have printed. */
  maybeDuplicate?: boolean;
}

export function ticketMarkup(doc: PrintDocument, marks: RenderMarks = {}): string {
  const head: string[] = [];
  if (marks.maybeDuplicate) head.push('`^재전송·중복 가능`', '`RESENT: MAY BE A DUPLICATE`');
  else if (marks.reprint) head.push('`^ 재출력 REPRINT `');
  switch (doc.kind) {
    case 'ticket':
      return [...head, ...stationTicket(doc)].join('\n') + '\n';
    case 'bill':
      return [...head, ...bill(doc)].join('\n') + '\n';
    case 'test':
      return [...head, ...testPage(doc)].join('\n') + '\n';
  }
}

function stationTicket(doc: StationTicket): string[] {
  const out = [
    `^^^${esc(DUTY_LABEL[doc.station])}`,
    `^^^^테이블 ${esc(doc.tableLabel)}`,
    `주문 #${esc(doc.orderShortCode)} | ${clock(doc.paidAt, doc.timeZone)}`,
    '-',
  ];
  for (const line of doc.lines) {
    out.push(`|^^^${line.qty} x ${esc(line.name)}`);
    for (const option of line.options) out.push(`|~~~~^^+ ${esc(option)}`);
    if (line.note) out.push(`|~~~~^^"※ ${esc(line.note)}"`);
  }
  out.push('-');
  if (doc.orderNote) out.push(`|^^"요청: ${esc(doc.orderNote)}"`, '-');
  out.push(`${doc.lines.reduce((n, l) => n + l.qty, 0)}개 품목 items | ${day(doc.paidAt, doc.timeZone)}`);
  return out;
}

function bill(doc: Bill): string[] {
  const out = [
    `^^^${esc(doc.storeName)}`,
    `^^테이블 ${esc(doc.tableLabel)} 계산서`,
    `${day(doc.printedAt, doc.timeZone)} ${clock(doc.printedAt, doc.timeZone)}`,
    '-',
  ];
  for (const line of doc.lines) {
    out.push(`|${esc(line.name)} | ${line.qty} | ${won(line.lineTotal)}`);
  }
  out.push('-');
  if (doc.payments.length > 0) out.push('결제 PAID');
  for (const payment of doc.payments) out.push(`|${METHOD_LABEL[payment.method]} | ${won(payment.amount)}`);
  if (doc.refunded > 0) out.push(`|환불 Refunded | -${won(doc.refunded)}`);
  if (doc.leftToPay > 0) out.push(`|미결제 To pay | ^${won(doc.leftToPay)}`);
  out.push(
    `^^합계 TOTAL | ^^${won(doc.total)}`,
    '-',
    `주문 ${doc.orderShortCodes.map((c) => `#${esc(c)}`).join(' ')}`,
    ...(doc.footer ? doc.footer.split('\n').map((l) => esc(l)) : []),
    '감사합니다. Thank you!',
  );
  return out;
}

function testPage(doc: TestPage): string[] {
  return [
    '^^^프린터 테스트',
    '^^PRINTER TEST',
    '-',
    `|이름 name | ${esc(doc.printerName)}`,
    `|용도 duty | ${esc(DUTY_LABEL[doc.duty])}`,
    `|주소 address | ${esc(doc.host)}:${doc.port}`,
    `|시각 time | ${day(doc.printedAt, doc.timeZone)} ${clock(doc.printedAt, doc.timeZone)}`,
    '-',
    '가나다라마바사 ABC 0123456789',
    '한글이 보이면 CP949 설정이 맞습니다.',
  ];
}

/** ESC/POS bytes for a network thermal printer (Korean in CP949), ending with receiptline's cut and `GS r 1`. */
export function renderEscpos(doc: PrintDocument, marks: RenderMarks = {}): Buffer {
  // receiptline returns a binary string (one char per byte).
  return Buffer.from(
    receiptline.transform(ticketMarkup(doc, marks), { cpl: CHARS_PER_LINE, encoding: 'cp949', command: 'escpos', cutting: true }),
    'binary',
  );
}

/** The same ticket as an SVG image (the settings page's preview, the docs' screenshot). */
export function renderSvg(doc: PrintDocument, marks: RenderMarks = {}): string {
  return receiptline.transform(ticketMarkup(doc, marks), { cpl: CHARS_PER_LINE, encoding: 'cp949', command: 'svg' });
}

/** receiptline's special characters in text, escaped so a menu name like "A|B" or "--" prints as written. */
function esc(text: string): string {
  return text.replace(/[\\|{}\-=~_"`^]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

function clock(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

function day(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

function won(amount: number): string {
  return `${amount.toLocaleString('ko-KR')}원`;
}
