import { randomBytes } from 'node:crypto';
import type { Course, Station } from '@hiorder/domain/catalog/catalog.schemas';
import { newId } from '@hiorder/domain/shared/ids';
import type { MikroORM } from '@mikro-orm/core';
import { Category } from '../catalog/category.entity';
import { Menu } from '../catalog/menu.entity';
import { forkEm } from '../db/orm';
import { DiningTable } from '../identity/dining-table.entity';
import { hashPassword } from '../identity/passwords';
import { Staff } from '../identity/staff.entity';
import { Store } from '../identity/store.entity';

/**
 * The demo store of a first start: a Korean restaurant with mains, sides, drinks, a once-per-visit event menu
 * and counted stock, 10 tables, an admin and a staff account. Never a test fixture (tests build their own).
 */
interface SeedMenu {
  slug: string;
  ko: string;
  en: string;
  descKo: string;
  descEn: string;
  price: number;
  course: Course;
  stock: number | null;
  limitPerVisit?: number;
  recommended?: boolean;
}

const CATEGORIES: { ko: string; en: string; station: Station; menus: SeedMenu[] }[] = [
  {
    ko: '오늘의 이벤트',
    en: "Today's event",
    station: 'kitchen',
    menus: [
      {
        slug: 'event-dumplings',
        ko: '오늘만 군만두',
        en: 'Today-only Fried Dumplings',
        descKo: '방문당 한 접시, 단돈 천 원!',
        descEn: 'One plate per visit for just ₩1,000!',
        price: 1000,
        course: 'other',
        stock: 30,
        limitPerVisit: 1,
        recommended: true,
      },
    ],
  },
  {
    ko: '메인',
    en: 'Mains',
    station: 'kitchen',
    menus: [
      {
        slug: 'bulgogi',
        ko: '불고기',
        en: 'Bulgogi',
        descKo: '달콤한 간장 양념에 재운 소고기 구이',
        descEn: 'Beef marinated in sweet soy, grilled',
        price: 15000,
        course: 'main',
        stock: 40,
        recommended: true,
      },
      {
        slug: 'galbi',
        ko: '양념갈비',
        en: 'Marinated Short Ribs',
        descKo: '숯불향 가득한 돼지갈비',
        descEn: 'Charcoal-grilled pork ribs',
        price: 22000,
        course: 'main',
        stock: 30,
      },
      {
        slug: 'bibimbap',
        ko: '비빔밥',
        en: 'Bibimbap',
        descKo: '나물과 고추장을 곁들인 밥',
        descEn: 'Rice with seasoned vegetables and gochujang',
        price: 11000,
        course: 'main',
        stock: null,
        recommended: true,
      },
      {
        slug: 'kimchi-jjigae',
        ko: '김치찌개',
        en: 'Kimchi Stew',
        descKo: '묵은지와 돼지고기로 끓인 찌개',
        descEn: 'Aged kimchi and pork stew',
        price: 9000,
        course: 'main',
        stock: null,
      },
      {
        slug: 'naengmyeon',
        ko: '물냉면',
        en: 'Cold Buckwheat Noodles',
        descKo: '시원한 육수의 메밀면',
        descEn: 'Buckwheat noodles in icy broth',
        price: 10000,
        course: 'main',
        stock: 25,
      },
    ],
  },
  {
    ko: '사이드',
    en: 'Sides',
    station: 'kitchen',
    menus: [
      {
        slug: 'rice',
        ko: '공기밥',
        en: 'Steamed Rice',
        descKo: '갓 지은 쌀밥',
        descEn: 'Freshly steamed rice',
        price: 1000,
        course: 'side',
        stock: null,
      },
      {
        slug: 'egg-roll',
        ko: '계란말이',
        en: 'Rolled Omelette',
        descKo: '폭신한 계란말이',
        descEn: 'Fluffy rolled omelette',
        price: 6000,
        course: 'side',
        stock: 20,
      },
      {
        slug: 'pajeon',
        ko: '해물파전',
        en: 'Seafood Pancake',
        descKo: '바삭한 해물 파전',
        descEn: 'Crispy scallion and seafood pancake',
        price: 14000,
        course: 'side',
        stock: null,
      },
      {
        slug: 'japchae',
        ko: '잡채',
        en: 'Japchae',
        descKo: '당면과 채소 볶음',
        descEn: 'Stir-fried glass noodles',
        price: 8000,
        course: 'side',
        stock: null,
      },
    ],
  },
  {
    ko: '음료',
    en: 'Drinks',
    station: 'bar',
    menus: [
      { slug: 'cola', ko: '콜라', en: 'Cola', descKo: '', descEn: '', price: 2000, course: 'other', stock: null },
      { slug: 'cider', ko: '사이다', en: 'Lemon-lime Soda', descKo: '', descEn: '', price: 2000, course: 'other', stock: null },
      { slug: 'soju', ko: '소주', en: 'Soju', descKo: '', descEn: '', price: 5000, course: 'other', stock: null },
      {
        slug: 'makgeolli',
        ko: '막걸리',
        en: 'Makgeolli',
        descKo: '쌀로 빚은 전통 막걸리',
        descEn: 'Traditional rice wine',
        price: 6000,
        course: 'other',
        stock: 24,
      },
    ],
  },
];

export interface SeedResult {
  storeId: string;
  adminUsername: string;
  adminPassword: string;
  staffUsername: string;
  staffPassword: string;
}

/** Seeds the demo store unless a store exists already. Returns null when nothing was seeded. */
export async function seedDemoStore(orm: MikroORM, now = new Date(), fixedAdminPassword?: string): Promise<SeedResult | null> {
  const em = forkEm(orm);
  if ((await em.count(Store, {})) > 0) return null;
  const adminPassword = fixedAdminPassword ?? randomBytes(9).toString('base64url');
  const staffPassword = randomBytes(9).toString('base64url');
  const [adminHash, staffHash] = [await hashPassword(adminPassword), await hashPassword(staffPassword)];
  const storeId = newId();
  await em.transactional(async (tx) => {
    tx.create(Store, {
      id: storeId,
      slug: 'demo',
      name: '하이오더 데모 식당',
      timeZone: 'Asia/Seoul',
      catalogVersion: 1,
      lastEventSeq: 0,
      createdAt: now,
    });
    tx.create(Staff, {
      id: newId(),
      store: storeId,
      username: 'admin',
      displayName: '사장님',
      passwordHash: adminHash,
      role: 'admin',
      disabled: false,
      sessionVersion: 0,
      createdAt: now,
    });
    tx.create(Staff, {
      id: newId(),
      store: storeId,
      username: 'staff',
      displayName: '홀 직원',
      passwordHash: staffHash,
      role: 'staff',
      disabled: false,
      sessionVersion: 0,
      createdAt: now,
    });
    for (let i = 1; i <= 10; i++) {
      tx.create(DiningTable, { id: newId(), store: storeId, label: `${i}`, position: i, lockVersion: 0, createdAt: now });
    }
    CATEGORIES.forEach((c, ci) => {
      const category = tx.create(Category, {
        id: newId(),
        store: storeId,
        nameKo: c.ko,
        nameEn: c.en,
        position: ci + 1,
        station: c.station,
        createdAt: now,
      });
      c.menus.forEach((m, mi) => {
        tx.create(Menu, {
          id: newId(),
          store: storeId,
          category,
          nameKo: m.ko,
          nameEn: m.en,
          descriptionKo: m.descKo,
          descriptionEn: m.descEn,
          price: m.price,
          photoFile: `${m.slug}.svg`,
          course: m.course,
          stock: m.stock,
          limitPerVisit: m.limitPerVisit ?? null,
          soldOut: false,
          hidden: false,
          recommended: m.recommended ?? false,
          position: mi + 1,
          optionGroupIds: [],
          deletedAt: null,
          createdAt: now,
          updatedAt: now,
        });
      });
    });
  });
  return { storeId, adminUsername: 'admin', adminPassword, staffUsername: 'staff', staffPassword };
}
