<?php
// Imitates a handler that builds every path through helpers, as Wikibase's does.
namespace Wbx\Repo;

class SchemaUpdater {
	public function onLoadExtensionSchemaUpdates( $updater ) {
		$db = $updater->getDB();
		$type = $db->getType();

		if ( $type !== 'mysql' && $type !== 'sqlite' && $type !== 'postgres' ) {
			wfWarn( "Database type '$type' is not supported." );
			return;
		}
		$updater->addExtensionTable( 'wbx_items', $this->getScriptPath( 'wbx_items', $type ) );
		$updater->addExtensionField(
			'wbx_items',
			'wbx_note',
			$this->getUpdateScriptPath( 'patch-wbx_items-wbx_note', $db->getType() )
		);
	}

	private function getUpdateScriptPath( string $name, string $type ): string {
		return $this->getScriptPath( 'archives/' . $name, $type );
	}

	private function getScriptPath( string $name, string $type ): string {
		foreach ( [ $type, 'mysql' ] as $t ) {
			$path = __DIR__ . '/../sql/' . $t . '/' . $name . '.sql';
			if ( file_exists( $path ) ) {
				return $path;
			}
		}
		throw new \InvalidArgumentException( "No script '$name'" );
	}
}
