import { createContext, useContext } from 'react';
import type { Locale } from '@hiorder/domain/shared/locale';

/** Every text of the tablet, in Korean (the default) and English. Rule messages come from `domain`. */
const STRINGS = {
  appName: { ko: '테이블 주문', en: 'Table order' },
  table: { ko: '테이블', en: 'Table' },
  pairTitle: { ko: '태블릿 연결', en: 'Pair this tablet' },
  pairHelp: { ko: '관리자 화면에서 만든 8자리 연결 코드를 입력하세요.', en: 'Enter the 8-character code made in the admin app.' },
  pairButton: { ko: '연결하기', en: 'Pair' },
  pairing: { ko: '연결 중…', en: 'Pairing…' },
  pairFailed: { ko: '연결하지 못했습니다', en: 'Could not pair' },
  pairCodeInvalid: {
    ko: '코드가 맞지 않거나 만료되었습니다. 새 코드를 받아 주세요.',
    en: 'The code is wrong or expired. Ask for a new one.',
  },
  popularNow: { ko: '지금 인기 메뉴', en: 'Popular now' },
  goesWellWith: { ko: '함께 먹으면 좋은 메뉴', en: 'Goes well with your order' },
  soldOut: { ko: '품절', en: 'Sold out' },
  oncePerVisit: { ko: '방문당 {n}개', en: '{n} per visit' },
  event: { ko: '이벤트', en: 'Event' },
  recommended: { ko: '추천', en: 'Recommended' },
  popular: { ko: '인기', en: 'Popular' },
  left: { ko: '{n}개 남음', en: '{n} left' },
  add: { ko: '담기', en: 'Add' },
  addToCart: { ko: '장바구니에 담기', en: 'Add to cart' },
  close: { ko: '닫기', en: 'Close' },
  cart: { ko: '장바구니', en: 'Cart' },
  cartEmpty: { ko: '메뉴를 눌러 담아 보세요', en: 'Tap a dish to add it' },
  total: { ko: '합계', en: 'Total' },
  order: { ko: '주문하기', en: 'Order' },
  orderAndPay: { ko: '{amount} 주문하기', en: 'Order {amount}' },
  cantOrderYet: { ko: '이대로는 주문할 수 없어요', en: 'This cart can’t be ordered yet' },
  clearCart: { ko: '비우기', en: 'Clear' },
  viewCart: { ko: '장바구니 보기', en: 'View cart' },
  items: { ko: '{n}개', en: '{n} items' },
  itemsOne: { ko: '{n}개', en: '{n} item' },
  myOrders: { ko: '주문 내역', en: 'My orders' },
  noOrders: { ko: '아직 주문이 없습니다', en: 'No orders yet' },
  callStaff: { ko: '직원 호출', en: 'Call staff' },
  callWater: { ko: '물 주세요', en: 'Water, please' },
  callCutlery: { ko: '수저·앞접시', en: 'Cutlery' },
  callCall: { ko: '직원 불러주세요', en: 'Call a server' },
  bill: { ko: '계산서', en: 'Bill' },
  billPaid: { ko: '결제 완료', en: 'Paid' },
  billRefunded: { ko: '환불', en: 'Refunded' },
  billLeftToPay: { ko: '남은 금액', en: 'Left to pay' },
  billTotal: { ko: '이번 방문 합계', en: 'This visit in all' },
  methodEasyPay: { ko: '간편결제', en: 'Easy pay' },
  methodCash: { ko: '현금 (카운터)', en: 'Cash (counter)' },
  methodCard: { ko: '카드 (카운터)', en: 'Card (counter)' },
  methodOther: { ko: '기타 (카운터)', en: 'Other (counter)' },
  callCheckout: { ko: '계산 완료 / 자리 정리', en: 'We’re done — please clear the table' },
  called: { ko: '직원에게 알렸어요. 곧 갈게요!', en: 'Staff have been notified. Coming soon!' },
  callFailed: { ko: '호출하지 못했습니다. 잠시 후 다시 눌러 주세요.', en: 'Could not call. Please try again.' },
  callOffline: { ko: '인터넷 연결이 끊겨 호출할 수 없어요. 손을 들어 주세요.', en: 'Offline: can’t call. Please raise your hand.' },
  offlineBanner: {
    ko: '인터넷 연결이 끊겼어요. 메뉴와 장바구니는 그대로 쓸 수 있고, 주문은 연결되면 자동으로 보내집니다.',
    en: 'Offline. The menu and cart still work; orders are sent automatically when the connection is back.',
  },
  connecting: { ko: '서버에 연결하는 중…', en: 'Connecting…' },
  pendingOrders: { ko: '보내기를 기다리는 주문 {n}건', en: '{n} orders waiting to be sent' },
  pendingOrdersOne: { ko: '보내기를 기다리는 주문 {n}건', en: '{n} order waiting to be sent' },
  sending: { ko: '주문을 보내는 중…', en: 'Sending your order…' },
  queuedTitle: { ko: '주문이 저장되었어요', en: 'Your order is saved' },
  queuedOffline: {
    ko: '지금은 인터넷 연결이 없어요. 연결되면 자동으로 주문을 보냅니다. 결제는 연결 후에 할 수 있어요.',
    en: 'There is no connection right now. The order will be sent automatically when it is back; payment needs the connection.',
  },
  notPaidYet: { ko: '아직 결제되지 않았습니다', en: 'Not paid yet' },
  busyTitle: { ko: '주문이 많아 잠시 기다리고 있어요', en: 'The kitchen is very busy' },
  busyBody: {
    ko: '주문은 안전하게 보관되어 있고 {s}초 후 자동으로 다시 보냅니다.',
    en: 'Your order is kept safe and will be sent again automatically in {s} s.',
  },
  sendNow: { ko: '지금 다시 보내기', en: 'Send now' },
  rejectedTitle: { ko: '주문할 수 없는 메뉴가 있어요', en: 'Some items can’t be ordered' },
  backToCart: { ko: '장바구니로 돌아가기', en: 'Back to the cart' },
  payTitle: { ko: '결제', en: 'Payment' },
  payAmount: { ko: '결제 금액', en: 'Amount' },
  cardNumber: { ko: '카드 번호', en: 'Card number' },
  testCards: { ko: '테스트 카드', en: 'Test cards' },
  payButton: { ko: '{amount} 결제하기', en: 'Pay {amount}' },
  paying: { ko: '결제하는 중…', en: 'Paying…' },
  sandboxNote: { ko: '연습용 결제 화면입니다. 실제로 청구되지 않습니다.', en: 'Sandbox payment: no real charge.' },
  paidTitle: { ko: '결제 완료! 주방으로 전달했어요', en: 'Paid! Your order is on its way to the kitchen' },
  paidBody: { ko: '주문 번호 {code}', en: 'Order number {code}' },
  declinedTitle: { ko: '결제가 완료되지 않았어요', en: 'The payment did not go through' },
  declinedBody: {
    ko: '청구된 금액은 없습니다. 주문은 그대로 있어요: 같은 주문을 다시 결제해 주세요.',
    en: 'Nothing was charged. Your order is kept: pay it again.',
  },
  tryAnotherCard: { ko: '다른 카드로 결제', en: 'Try another card' },
  payAgain: { ko: '다시 결제하기', en: 'Pay again' },
  payAtCounter: { ko: '카운터에서 결제', en: 'Pay at the counter' },
  counterTitle: { ko: '카운터에서 결제해 주세요', en: 'Please pay at the counter' },
  counterBody: { ko: '주문 번호 #{code}', en: 'Order #{code}' },
  counterNote: { ko: '결제가 확인되면 주방으로 주문이 전달됩니다.', en: 'Your order goes to the kitchen once the payment is taken.' },
  payHereInstead: { ko: '여기서 카드로 결제하기', en: 'Pay here by card instead' },
  pendingTitle: { ko: '결제사에 확인하고 있어요', en: 'Checking with the payment provider' },
  pendingBody: {
    ko: '결제 결과를 확인하는 중입니다. 두 번 결제되지 않으니 잠시만 기다려 주세요.',
    en: 'We are confirming the result. You will not be charged twice; please wait a moment.',
  },
  unavailableTitle: { ko: '결제 서비스가 잠시 응답하지 않아요', en: 'Payments are unavailable for a moment' },
  unavailableBody: { ko: '청구된 금액은 없습니다. {s}초 후에 다시 시도할 수 있어요.', en: 'Nothing was charged. Try again in {s} s.' },
  tryAgain: { ko: '다시 결제하기', en: 'Try again' },
  payOffline: {
    ko: '결제는 인터넷 연결이 필요해요. 연결되면 다시 눌러 주세요.',
    en: 'Paying needs the network. Try again when the connection is back.',
  },
  payError: { ko: '결제 중 문제가 생겼어요', en: 'Something went wrong with the payment' },
  expiredTitle: { ko: '결제 시간이 지나 주문이 취소되었어요', en: 'The order expired before payment' },
  cancelledTitle: { ko: '주문이 취소되었어요', en: 'The order was cancelled' },
  cancelRefunded: { ko: '{amount} 환불 · 사유: {reason}', en: '{amount} refunded · Reason: {reason}' },
  partialRefunded: {
    ko: '부분 환불 {amount} ({items}) · 사유: {reason}',
    en: 'Partly refunded {amount} ({items}) · Reason: {reason}',
  },
  refundedQty: { ko: '{n}개 환불', en: '{n} refunded' },
  cancelUnpaid: {
    ko: '결제 전 취소 (청구된 금액 없음) · 사유: {reason}',
    en: 'Cancelled before payment (nothing charged) · Reason: {reason}',
  },
  backToMenu: { ko: '메뉴로 돌아가기', en: 'Back to the menu' },
  payLater: { ko: '나중에 결제', en: 'Pay later' },
  payNow: { ko: '결제하기', en: 'Pay' },
  awaitingPayment: { ko: '주문 #{code} 결제를 기다리고 있어요 · {time} 남음', en: 'Order #{code} is waiting for payment · {time} left' },
  expiringSoon: {
    ko: '주문 #{code}이(가) {time} 뒤 취소돼요. 지금 결제해 주세요',
    en: 'Order #{code} will be cancelled in {time}. Please pay now',
  },
  expiredNotice: {
    ko: '주문 #{code}은(는) 결제되지 않아 취소되었어요. 청구된 금액은 없습니다',
    en: 'Order #{code} was not paid in time and was cancelled. Nothing was charged',
  },
  expiredBody: {
    ko: '청구된 금액은 없습니다. 다시 주문하려면 장바구니로 돌아가세요.',
    en: 'Nothing was charged. Go back to the cart to order again.',
  },
  payWithin: { ko: '{time} 안에 결제하지 않으면 주문이 취소돼요', en: 'Pay within {time} or the order is cancelled' },
  dismiss: { ko: '확인', en: 'OK' },
  amountMismatch: {
    ko: '결제 금액이 주문과 달라 결제하지 않았어요. 다시 결제해 주세요.',
    en: 'The authorised amount differs from the order, so nothing was charged. Please pay again.',
  },
  idleTitle: { ko: '화면을 터치해 주문을 시작하세요', en: 'Touch the screen to order' },
  attractStart: { ko: '터치하여 주문하기', en: 'Touch to order' },
  status_pending_payment: { ko: '결제 대기', en: 'Awaiting payment' },
  status_paid: { ko: '결제 완료', en: 'Paid' },
  status_accepted: { ko: '조리 중', en: 'Cooking' },
  status_served: { ko: '서빙 완료', en: 'Served' },
  linesReady: { ko: '{total}개 중 {ready}개 준비 완료', en: '{ready} of {total} ready' },
  status_payment_failed: { ko: '결제 실패', en: 'Payment failed' },
  status_expired: { ko: '시간 만료', en: 'Expired' },
  status_cancelled: { ko: '취소됨', en: 'Cancelled' },
  status_outbox: { ko: '전송 대기', en: 'Waiting to send' },
  course_main: { ko: '메인', en: 'Main' },
  course_side: { ko: '사이드', en: 'Side' },
  loadingMenu: { ko: '메뉴를 불러오는 중…', en: 'Loading the menu…' },
  menuOfflineEmpty: {
    ko: '메뉴를 아직 받지 못했어요. 인터넷에 연결되면 바로 보여 드릴게요.',
    en: 'The menu has not been downloaded yet. It will show as soon as the tablet is online.',
  },
  language: { ko: 'English', en: '한국어' },
  tableLabel: { ko: '테이블 {label}', en: 'Table {label}' },
  tableNumber: { ko: '{n}번 테이블', en: 'Table {n}' },
  lessOf: { ko: '{name} 하나 빼기', en: 'One less {name}' },
  moreOf: { ko: '{name} 하나 더', en: 'One more {name}' },
  addNamed: { ko: '{name} 담기', en: 'Add {name}' },
  inCartNamed: { ko: '{name} 담기, 장바구니에 {n}개', en: 'Add {name}, {n} in the cart' },
  limitReached: { ko: '{name}: 이번 방문에 더 담을 수 없어요', en: '{name}: no more this visit' },
  removeSoldOut: { ko: '품절 메뉴 빼기', en: 'Remove sold-out items' },
  problemsCount: { ko: '{n}건', en: '{n} to fix' },
  fixMarked: { ko: '빨갛게 표시된 메뉴를 고쳐 주세요.', en: 'Fix the items marked in red.' },
  pairCodeLabel: { ko: '연결 코드 (8자리)', en: 'Pairing code (8 characters)' },
  pairCodePlaceholder: { ko: '코드 입력', en: 'Enter code' },
  qty: { ko: '수량', en: 'Quantity' },
  labelNew: { ko: '신메뉴', en: 'New' },
  labelBest: { ko: '베스트', en: 'Best' },
  labelSpicy: { ko: '맵기 {n}단계', en: 'Spicy {n}/3' },
  origin: { ko: '원산지', en: 'Origin' },
  allergens: { ko: '알레르기 유발물질', en: 'Allergens' },
  optionRequired: { ko: '필수', en: 'Required' },
  optionOptional: { ko: '선택', en: 'Optional' },
  optionUpTo: { ko: '최대 {n}개', en: 'Up to {n}' },
  optionPick: { ko: '{n}개 고르기', en: 'Choose {n}' },
  lineNote: { ko: '요청사항', en: 'Request for the kitchen' },
  lineNoteHint: { ko: '예: 덜 맵게 해 주세요', en: 'e.g. less spicy, please' },
  a11yOn: { ko: '큰 글씨·쉬운 화면', en: 'Easy view' },
  a11yOff: { ko: '기본 화면으로', en: 'Standard view' },
  readAloud: { ko: '메뉴 읽어 주기', en: 'Read the menu aloud' },
  checkoutTitle: { ko: '주문과 결제', en: 'Order and payment' },
  splitByPhone: { ko: '폰으로 나눠 내기', en: 'Split by phone' },
  splitQrTitle: { ko: '휴대폰으로 QR을 찍어 각자 결제하세요', en: 'Scan with your phones and pay your own share' },
  splitQrHelp: {
    ko: '같은 테이블 주문이 휴대폰에 열려요. 몫이 모두 결제되면 주방으로 들어가요. 이 QR은 이번 방문에만 쓸 수 있어요.',
    en: 'Your table’s orders open on your phone. The order goes to the kitchen once every share is paid. This QR works for this visit only.',
  },
  splitQrLoading: { ko: 'QR 코드를 만드는 중…', en: 'Making the QR code…' },
  splitQrFailed: { ko: 'QR 코드를 만들지 못했어요', en: 'Could not make the QR code' },
  splitPay: { ko: '나눠 내기', en: 'Split' },
  splitTitle: { ko: '주문 #{code} 나눠 내기', en: 'Split order #{code}' },
  splitPaid: { ko: '결제됨 {paid} / {total}', en: 'Paid {paid} of {total}' },
  splitRemaining: { ko: '남은 금액 {amount}', en: '{amount} left to pay' },
  splitInFlight: { ko: '결제 확인 중 {amount}', en: '{amount} being confirmed' },
  splitParts: { ko: '{n}명이 똑같이', en: '{n} equal parts' },
  splitRest: { ko: '남은 금액 모두', en: 'All that is left' },
  splitYourShare: { ko: '내 몫: {amount}', en: 'Your share: {amount}' },
  splitShareDone: { ko: '내 몫 결제 완료! 남은 금액 {amount}', en: 'Your share is paid! {amount} left' },
  splitAllPaid: { ko: '모두 결제되어 주방으로 들어갔어요', en: 'Fully paid: the order went to the kitchen' },
  splitNothingLeft: { ko: '남은 몫이 없어요', en: 'No share left to pay' },
  SHARE_ALREADY_PAID: { ko: '그 몫은 이미 다른 분이 결제했어요. 다시 골라 주세요', en: 'Someone already paid that share: choose again' },
  SHARE_EXCEEDS_REMAINING: { ko: '남은 금액보다 큰 몫이에요. 다시 골라 주세요', en: 'That share is more than what is left: choose again' },
  SHARE_AMOUNT_CHANGED: { ko: '그 사이 계산서가 바뀌었어요. 다시 골라 주세요', en: 'The bill changed meanwhile: choose again' },
  joinExpired: {
    ko: '지난 방문의 QR 코드예요. 테이블 태블릿의 QR을 다시 찍어 주세요',
    en: 'This QR is from an earlier visit: scan the table’s QR again',
  },
  joinFailed: { ko: '테이블에 연결하지 못했어요', en: 'Could not join the table' },
  phoneJoined: { ko: '{table} 테이블과 함께 보고 있어요', en: 'Joined table {table}' },
  categories: { ko: '메뉴 분류', en: 'Menu categories' },
  allergyFilter: { ko: '알레르기 필터', en: 'Allergy filter' },
  orderNote: { ko: '주문 요청사항', en: 'Request for this order' },
  orderNoteHint: { ko: '예: 앞접시 2개, 아이 수저 주세요', en: 'e.g. two extra plates, a child’s spoon' },
  allergyTitle: { ko: '피해야 하는 알레르기 유발물질을 고르세요', en: 'Choose the allergens you avoid' },
  allergyHelp: {
    ko: '고른 재료가 표시된 메뉴는 목록에서 숨겨요. 가게가 표시한 정보 기준이니, 알레르기가 심하면 직원에게 꼭 확인해 주세요.',
    en: 'Dishes labelled with them are hidden from the menu. This goes by the store’s labels: with a serious allergy, please check with staff.',
  },
  allergyClear: { ko: '모두 해제', en: 'Clear all' },
  allergyDone: { ko: '확인', en: 'Done' },
  allergyActive: { ko: '제외 중: {list}', en: 'Avoiding: {list}' },
  allergyHidden: { ko: '메뉴 {n}개 숨김', en: '{n} dishes hidden' },
  allergyHiddenOne: { ko: '메뉴 {n}개 숨김', en: '{n} dish hidden' },
  allergyChange: { ko: '바꾸기', en: 'Change' },
  allergyCategoryEmpty: {
    ko: '이 분류의 메뉴는 모두 고른 알레르기 유발물질이 들어 있어요.',
    en: 'Every dish in this category contains an allergen you avoid.',
  },
  allergyContains: { ko: '주의: {list} 포함', en: 'Contains {list}' },
} as const satisfies Record<string, { ko: string; en: string }>;

export type StringKey = keyof typeof STRINGS;
export type Translate = (key: StringKey, vars?: Record<string, string | number>) => string;

export function translate(locale: Locale, key: StringKey, vars?: Record<string, string | number>): string {
  let text: string = STRINGS[key][locale];
  if (vars) for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
}

export interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

export const LocaleContext = createContext<LocaleState>({
  locale: 'ko',
  setLocale: () => undefined,
  t: (key, vars) => translate('ko', key, vars),
});

export function useLocale(): LocaleState {
  return useContext(LocaleContext);
}

/**
 * A table's name in the guest's language. Labels are the owner's free text; a bare number, or the Korean
 * "N번" the first demo stores were seeded with, becomes "N번 테이블" / "Table N" instead of leaking "번" into English.
 */
export function tableTitle(t: Translate, label: string): string {
  const numbered = /^(\d+)\s*번?$/.exec(label.trim());
  return numbered ? t('tableNumber', { n: numbered[1] ?? label }) : t('tableLabel', { label });
}
