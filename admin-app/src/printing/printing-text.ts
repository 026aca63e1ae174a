import type { PrinterDuty, PrinterHealth } from '@hiorder/domain/printing/printing.schemas';
import { useI18n } from '../shared/i18n';

/** The printing screens' words, Korean and English, kept beside them (the shared dictionary holds the nav label only). */
const ko = {
  title: '프린터',
  add: '프린터 추가',
  edit: '프린터 수정',
  name: '이름',
  host: '주소 (IP 또는 호스트)',
  port: '포트',
  duty: '용도',
  backup: '백업 프린터',
  noBackup: '없음',
  health: '상태',
  waiting: '대기',
  address: '주소',
  test: '테스트 인쇄',
  testOk: '테스트 페이지를 인쇄했습니다',
  remove: '삭제',
  removeConfirm: '이 프린터를 삭제할까요?',
  save: '저장',
  create: '추가',
  empty: '등록된 프린터가 없습니다. 주방·바 프린터(ESC/POS, 포트 9100)를 추가하세요.',
  hint: '결제된 주문은 스테이션별로 한 번씩 인쇄됩니다. 응답이 없으면 3번 재시도 후 백업 프린터로 보냅니다.',
  lastContact: '마지막 응답',
  alerts: '확인이 필요한 출력',
  noAlerts: '문제 없음',
  reprint: '재출력',
  reprinted: '재출력을 보냈습니다',
  jobWaiting: '인쇄 대기 · {n}회 시도',
  jobOnBackup: '백업 프린터로 인쇄됨',
  jobMaybeDuplicate: '재전송됨 · 중복일 수 있음',
  order: '주문 #{code}',
  bill: '계산서',
  boardWarning: '프린터 확인 필요',
  manage: '프린터 설정',
  duty_kitchen: '주방',
  duty_bar: '바',
  duty_receipt: '계산대 (영수증)',
  health_ok: '정상',
  health_unreachable: '응답 없음',
  health_unknown: '확인 전',
};

type Key = keyof typeof ko;

const en: Record<Key, string> = {
  title: 'Printers',
  add: 'Add printer',
  edit: 'Edit printer',
  name: 'Name',
  host: 'Address (IP or host name)',
  port: 'Port',
  duty: 'Prints for',
  backup: 'Backup printer',
  noBackup: 'None',
  health: 'State',
  waiting: 'Waiting',
  address: 'Address',
  test: 'Print test page',
  testOk: 'Test page printed',
  remove: 'Remove',
  removeConfirm: 'Remove this printer?',
  save: 'Save',
  create: 'Add',
  empty: 'No printers yet. Add the kitchen and bar printers (ESC/POS, port 9100).',
  hint: 'Each paid order prints once per station. A printer that does not answer is tried 3 times, then the backup takes the ticket.',
  lastContact: 'Last answer',
  alerts: 'Prints that need a look',
  noAlerts: 'All good',
  reprint: 'Reprint',
  reprinted: 'Reprint sent',
  jobWaiting: 'Waiting to print · {n} tries',
  jobOnBackup: 'Printed on the backup',
  jobMaybeDuplicate: 'Resent · may be a duplicate',
  order: 'Order #{code}',
  bill: 'Bill',
  boardWarning: 'Printer needs attention',
  manage: 'Printer settings',
  duty_kitchen: 'Kitchen',
  duty_bar: 'Bar',
  duty_receipt: 'Counter (receipts)',
  health_ok: 'OK',
  health_unreachable: 'Not answering',
  health_unknown: 'Not tried yet',
};

export type PrintingText = (key: Key, vars?: Record<string, string | number>) => string;

export function usePrintingText(): PrintingText {
  const { locale } = useI18n();
  const dictionary = locale === 'ko' ? ko : en;
  return (key, vars) => (vars ? dictionary[key].replace(/\{(\w+)\}/g, (_, n: string) => String(vars[n] ?? '')) : dictionary[key]);
}

export const dutyKey = (duty: PrinterDuty): Key => `duty_${duty}`;
export const healthKey = (health: PrinterHealth): Key => `health_${health}`;
